import { mayViewProfiles, type Principal } from '../../lib/auth/roles.js';
import { HttpError } from '../../lib/errors.js';

/** Leaders get aggregates only: no entity lists, no profiles, no drill to enterprises. */
export function entityRights(p: Principal): void {
  if (!mayViewProfiles(p)) throw new HttpError(403, 'forbidden', `角色“领导”只能查看汇总数据，不能查看企业名单或画像`);
}
