/**
 * What a double-publicity row (penalty, licence) says for rules.md §7, as delivered: the renderer
 * knows which faults it wrote, so compliance is known by construction rather than re-derived.
 */
export interface Publicity {
  /** 处罚机关 / 许可机关 as written; null when blank. */
  authority: string | null;
  /** 数据来源单位 as written; null when the file has no such column or the cell is empty. */
  department: string | null;
  decision: string | null;
  /** 上报日期 as written; null when the file has no such column. */
  report: string | null;
  compliant: boolean;
}

export interface DeliveryFact {
  file: string;
  fileDate: string;
  /** Position of the file in delivery order (modification time, then name). */
  fileOrder: number;
  loaded: boolean;
  /** A corrected version was delivered in a later file (the latest version wins). */
  corrected: boolean;
  /** §7 view of the latest version, its report date resolved (上报日期, else the file-name date). */
  publicity: (Publicity & { report: string }) | null;
}

const LOADED = 1;
const CORRECTED = 2;
const PUBLICITY = 4;
const COMPLIANT = 8;

type FactPublicity = NonNullable<DeliveryFact['publicity']>;

/**
 * One delivery fact per tracked record, held in columns: a city has about 1.3 million such records,
 * and an object per fact (plus one per §7 view) cost about 240 MB of heap. `get` hands out a fresh
 * DeliveryFact, so the answer modules read it as before; changes go through `correct`.
 */
export class FactStore {
  private readonly slots = new Map<object, number>();
  private readonly fileNames: string[] = [];
  private readonly fileDates: string[] = [];
  private readonly fileIds = new Map<string, number>();
  private file = new Int32Array(1024);
  private order = new Int32Array(1024);
  private flags = new Uint8Array(1024);
  /** §7 fields, one cell per slot; empty for records without a §7 view. */
  private readonly authority: (string | null)[] = [];
  private readonly department: (string | null)[] = [];
  private readonly decision: (string | null)[] = [];
  private readonly report: string[] = [];

  get size(): number {
    return this.slots.size;
  }

  has(record: object): boolean {
    return this.slots.has(record);
  }

  get(record: object): DeliveryFact | undefined {
    const i = this.slots.get(record);
    if (i === undefined) return undefined;
    const f = this.flags[i] as number;
    const file = this.file[i] as number;
    return {
      file: this.fileNames[file] as string,
      fileDate: this.fileDates[file] as string,
      fileOrder: this.order[i] as number,
      loaded: (f & LOADED) !== 0,
      corrected: (f & CORRECTED) !== 0,
      publicity:
        f & PUBLICITY
          ? {
              authority: this.authority[i] ?? null,
              department: this.department[i] ?? null,
              decision: this.decision[i] ?? null,
              report: this.report[i] as string,
              compliant: (f & COMPLIANT) !== 0,
            }
          : null,
    };
  }

  /** Records where a record was first delivered. */
  add(record: object, fact: DeliveryFact): void {
    const i = this.slots.size;
    this.grow(i + 1);
    this.slots.set(record, i);
    // Every slot gets its §7 cells so the arrays stay packed.
    this.authority.push(null);
    this.department.push(null);
    this.decision.push(null);
    this.report.push('');
    this.flags[i] = (fact.loaded ? LOADED : 0) | (fact.corrected ? CORRECTED : 0);
    this.place(i, fact.file, fact.fileDate, fact.fileOrder);
    this.setPublicity(i, fact.publicity);
  }

  /** Its corrected version arrived in a later file: the latest version wins. */
  correct(record: object, file: string, fileDate: string, fileOrder: number, publicity: FactPublicity | null): void {
    const i = this.slots.get(record);
    if (i === undefined) throw new Error('a correction of a record never delivered');
    this.flags[i] = (this.flags[i] as number) | CORRECTED;
    this.place(i, file, fileDate, fileOrder);
    if (publicity) this.setPublicity(i, publicity);
  }

  private place(i: number, name: string, date: string, order: number): void {
    const key = `${name}\u0000${date}`;
    let id = this.fileIds.get(key);
    if (id === undefined) {
      id = this.fileNames.length;
      this.fileIds.set(key, id);
      this.fileNames.push(name);
      this.fileDates.push(date);
    }
    this.file[i] = id;
    this.order[i] = order;
  }

  private setPublicity(i: number, p: (Publicity & { report: string }) | null): void {
    if (!p) {
      this.flags[i] = (this.flags[i] as number) & ~(PUBLICITY | COMPLIANT);
      return;
    }
    this.flags[i] = ((this.flags[i] as number) & ~COMPLIANT) | PUBLICITY | (p.compliant ? COMPLIANT : 0);
    this.authority[i] = p.authority;
    this.department[i] = p.department;
    this.decision[i] = p.decision;
    this.report[i] = p.report;
  }

  private grow(n: number): void {
    if (n <= this.flags.length) return;
    const size = Math.max(n, this.flags.length * 2);
    const widen = <A extends Int32Array | Uint8Array>(a: A, make: (len: number) => A): A => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.file = widen(this.file, (l) => new Int32Array(l));
    this.order = widen(this.order, (l) => new Int32Array(l));
    this.flags = widen(this.flags, (l) => new Uint8Array(l));
  }
}
