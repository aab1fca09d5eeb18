import type { RegisterRow } from '../delivery/feeds.js';
import type { SubjectAsDelivered } from '../world/types.js';

/** Who is who among the delivered records (rules.md §1), as the answer key resolves them. */
export interface Identity {
  /** Latest delivered register row per valid USCC. */
  registerByUscc: Map<string, RegisterRow>;
  resolve: (s: SubjectAsDelivered) => string | null;
  /** Name of an entity: the register's, else as delivered on its latest-dated record. */
  names: Map<string, { date: string; name: string }>;
}
