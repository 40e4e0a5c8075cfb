import { UsageError } from '../errors.js';
import { nfc } from '../scan/clip-name.js';
import { closestNames } from './closest.js';

/**
 * The three spellings of a Kinetics class name found in the wild:
 *   raw          `passing American football (in game)`  (the annotation CSVs)
 *   underscore   `passing_American_football_(in_game)`  (mmaction2 folders)
 *   torchvision  `passing_American_football_in_game`    (torchvision's Kinetics folders: `'`, `(`, `)` removed)
 */
export const LABEL_STYLES = ['raw', 'underscore', 'torchvision'] as const;
export type LabelStyle = (typeof LABEL_STYLES)[number];

export function spell(label: string, style: LabelStyle): string {
  if (style === 'raw') return label.replace(/_/g, ' ');
  const underscored = label.replace(/ /g, '_');
  return style === 'underscore' ? underscored : underscored.replace(/['()]/g, '');
}

/**
 * Finds classes from names a user typed, in any spelling. Tries, in order: the exact name; a name equal in
 * torchvision spelling (which all three spellings reduce to); the same ignoring case. A step that finds two
 * classes is ambiguous, and the user must type the exact name.
 */
export class ClassMatcher {
  private readonly exact = new Set<string>();
  private readonly bySpelling = new Map<string, string[]>();
  private readonly byLowerSpelling = new Map<string, string[]>();

  constructor(private readonly classes: readonly string[]) {
    for (const name of classes) {
      this.exact.add(name);
      push(this.bySpelling, spell(name, 'torchvision'), name);
      push(this.byLowerSpelling, spell(name, 'torchvision').toLowerCase(), name);
    }
  }

  /** The class `wanted` names, or undefined. Throws when it could name several. */
  find(given: string, option: string): string | undefined {
    // Names typed on macOS may come in NFD; classes are NFC (rule v2).
    const wanted = nfc(given);
    if (this.exact.has(wanted)) return wanted;
    const key = spell(wanted.trim(), 'torchvision');
    for (const candidates of [this.bySpelling.get(key), this.byLowerSpelling.get(key.toLowerCase())]) {
      if (candidates === undefined) continue;
      if (candidates.length === 1) return candidates[0];
      throw new UsageError(
        `${option}: '${wanted}' could be any of ${candidates.map(c => `'${c}'`).join(', ')}`,
        'type the class name exactly as the folder or annotation spells it',
      );
    }
    return undefined;
  }

  /** Resolves every name or throws one error naming the first unknown one and the closest classes. */
  resolve(wanted: readonly string[], option: string): string[] {
    return wanted.map(name => {
      const found = this.find(name, option);
      if (found !== undefined) return found;
      const near = closestNames(name, this.classes);
      const hint =
        near.length > 0
          ? `did you mean ${near.map(n => `'${n}'`).join(', ')}?`
          : 'run `k400-slice stats` to list the classes';
      throw new UsageError(`${option}: no class named '${name}'`, hint);
    });
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
