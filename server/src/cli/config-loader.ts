/** Finds and loads `.therapy-note-lint.json`: the nearest one above each file wins. */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE, ConfigError, parseConfig } from '../engine/config';
import { FeeFileError, parseFeeSchedule, type FeeSchedule } from '../engine/fees';
import { parsePtpFile, PtpFileError, PtpTable, type PtpEdit } from '../engine/ncci';
import { defaultSettings, type Settings } from '../engine/settings';

export interface ConfigResolverOptions {
  /**
   * Load files a configuration points to (`ncciPtpFiles`, `feeSchedule`). Default true; false in an
   * untrusted VS Code workspace, where those keys are ignored.
   */
  allowExternalFiles?: boolean;
}

export class ConfigResolver {
  private readonly byDir = new Map<string, string | null>();
  private readonly loaded = new Map<string, Settings>();
  private fallback: Settings | null = null;

  private readonly allowExternalFiles: boolean;

  constructor(
    private readonly explicit?: string,
    options: ConfigResolverOptions = {},
  ) {
    this.allowExternalFiles = options.allowExternalFiles ?? true;
  }

  /** Settings for a file; throws ConfigError for a bad configuration. */
  settingsFor(file: string): Settings {
    const configPath = this.explicit ? resolve(this.explicit) : this.nearest(dirname(resolve(file)));
    if (!configPath) return (this.fallback ??= defaultSettings());
    let s = this.loaded.get(configPath);
    if (!s) {
      let text: string;
      try {
        text = readFileSync(configPath, 'utf8');
      } catch (err) {
        throw new ConfigError(this.explicit ?? configPath, null, null, `cannot read the configuration file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
      }
      s = parseConfig(text, this.explicit ?? configPath, dirname(configPath));
      if (s.ncciPtpFiles && this.allowExternalFiles) s = { ...s, ncci: loadPtpFiles(s.ncciPtpFiles, dirname(configPath), this.explicit ?? configPath, s) };
      if (s.feeSchedule && this.allowExternalFiles) s = { ...s, fees: loadFeeSchedule(s.feeSchedule, dirname(configPath), this.explicit ?? configPath) };
      this.loaded.set(configPath, s);
    }
    return s;
  }

  /** Forgets every configuration found or loaded (the language server calls it when a configuration file changes). */
  invalidate(): void {
    this.byDir.clear();
    this.loaded.clear();
    this.fallback = null;
  }

  private nearest(dir: string): string | null {
    const chain: string[] = [];
    let found: string | null = null;
    for (let d = dir; ; d = dirname(d)) {
      const cached = this.byDir.get(d);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      chain.push(d);
      const candidate = join(d, CONFIG_FILE);
      if (isFile(candidate)) {
        found = candidate;
        break;
      }
      if (dirname(d) === d) break;
    }
    for (const d of chain) this.byDir.set(d, found);
    return found;
  }
}

/**
 * Reads the configured CMS PTP files (relative to the configuration's folder), keeping the
 * rows whose two codes are in the code table. Throws ConfigError naming the file (and the
 * line of a malformed row).
 */
function loadPtpFiles(files: string[], dir: string, configFile: string, settings: Settings): PtpTable {
  const edits: PtpEdit[] = [];
  const keep = (code: string) => settings.codes.get(code) !== undefined;
  for (const f of files) {
    const path = resolve(dir, f);
    let text: string;
    try {
      // CMS files are plain ASCII codes and dates; latin1 never fails on the rationale text.
      text = readFileSync(path, 'latin1');
    } catch (err) {
      throw new ConfigError(configFile, null, null, `"ncciPtpFiles": cannot read the NCCI PTP file ${f} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
    }
    try {
      for (const e of parsePtpFile(text, f, keep)) edits.push(e);
    } catch (err) {
      if (err instanceof PtpFileError) throw new ConfigError(path, err.line, 1, `${err.detail} (an NCCI PTP file named in ${configFile})`);
      throw err;
    }
  }
  return new PtpTable(edits, files);
}

/** Reads the configured fee schedule CSV; throws ConfigError naming the file (and the line of a bad row). */
function loadFeeSchedule(file: string, dir: string, configFile: string): FeeSchedule {
  const path = resolve(dir, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(configFile, null, null, `"feeSchedule": cannot read the fee schedule ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`);
  }
  try {
    return parseFeeSchedule(text, file);
  } catch (err) {
    if (err instanceof FeeFileError) throw new ConfigError(path, err.line, 1, `${err.detail} (the fee schedule named in ${configFile})`);
    throw err;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
