/**
 * The editor's index of a workspace's notes for the episode rules: episode facts per
 * document, grouped by patient, with each patient's findings computed when first asked and
 * kept until one of that patient's notes changes. Changing a note costs a re-check of its
 * patient's notes (old and new patient, when the `patient` key changed), never of the
 * workspace. Pure: the language server feeds it from disk and from open documents.
 */
import { checkPatient, type EpisodeNote } from './episode';
import type { Finding } from './types';

export class EpisodeIndex {
  private readonly notes = new Map<string, EpisodeNote>();
  private readonly byPatient = new Map<string, Set<string>>();
  private readonly results = new Map<string, Map<string, Finding[]>>();
  /** Each document's facts as a string, to tell an edit that changes nothing the rules read (made once per version). */
  private readonly keys = new Map<string, string>();
  /** How many notes the episode rules have been run over (for tests of the cost). */
  notesChecked = 0;

  get size(): number {
    return this.notes.size;
  }

  /**
   * Sets (or, with null, removes) a document's facts. Returns the ids whose episode
   * findings may have changed: the notes of the patient(s) involved. Facts equal to the
   * ones held change nothing and return [].
   */
  set(id: string, note: EpisodeNote | null): string[] {
    const old = this.notes.get(id);
    if (!old && !note) return [];
    const key = note ? factsKey(note) : null;
    if (old && note && key !== null && this.keys.get(id) === key && sameCopy(old, note)) {
      this.notes.set(id, note!); // ranges equal too: keep the newest object anyway
      return [];
    }
    const patients = new Set<string>();
    if (old) {
      patients.add(old.patientKey);
      const ids = this.byPatient.get(old.patientKey)!;
      ids.delete(id);
      if (ids.size === 0) this.byPatient.delete(old.patientKey);
      this.notes.delete(id);
      this.keys.delete(id);
    }
    if (note) {
      patients.add(note.patientKey);
      this.notes.set(id, note);
      this.keys.set(id, key!);
      let ids = this.byPatient.get(note.patientKey);
      if (!ids) this.byPatient.set(note.patientKey, (ids = new Set()));
      ids.add(id);
    }
    const affected = new Set<string>([id]);
    for (const p of patients) {
      this.results.delete(p);
      for (const other of this.byPatient.get(p) ?? []) affected.add(other);
    }
    return [...affected];
  }

  has(id: string): boolean {
    return this.notes.has(id);
  }

  /** The episode findings of a document (none when it is in no episode). */
  findings(id: string): Finding[] {
    const note = this.notes.get(id);
    if (!note) return [];
    let r = this.results.get(note.patientKey);
    if (!r) {
      const group = [...this.byPatient.get(note.patientKey)!].map((i) => this.notes.get(i)!);
      this.notesChecked += group.length;
      r = checkPatient(group);
      this.results.set(note.patientKey, r);
    }
    return r.get(id) ?? [];
  }

  /** Forgets everything (settings changed: the facts carry rule severities). */
  clear(): void {
    this.notes.clear();
    this.keys.clear();
    this.byPatient.clear();
    this.results.clear();
  }
}

/**
 * Two facts of one document with the same key and the same sentences (`sameCopy`) give the
 * same episode findings. The sentence fingerprints (most of a long note) are compared, not serialised.
 */
function factsKey(n: EpisodeNote): string {
  return JSON.stringify(n, (k, v: unknown) => (k === 'fingerprints' || k === 'counts' ? undefined : v instanceof Map ? [...v] : v));
}

function sameCopy(a: EpisodeNote, b: EpisodeNote): boolean {
  const same = (x: ArrayLike<number>, y: ArrayLike<number>) => {
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  };
  for (const s of ['O', 'A'] as const) {
    const x = a.copy[s];
    const y = b.copy[s];
    if (x === y) continue;
    if (!x || !y || !same(x.fingerprints, y.fingerprints) || !same(x.counts, y.counts)) return false;
  }
  return true;
}
