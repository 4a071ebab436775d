/** Finds and loads `.therapy-note-lint.json`: the nearest one above each file wins. */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE, ConfigError, parseConfig } from '../engine/config';
import { defaultSettings, type Settings } from '../engine/settings';

export class ConfigResolver {
  private readonly byDir = new Map<string, string | null>();
  private readonly loaded = new Map<string, Settings>();
  private fallback: Settings | null = null;

  constructor(private readonly explicit?: string) {}

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

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
