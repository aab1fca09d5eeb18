import type { Rng } from './prng.js';

/** Chinese names for people and businesses, in the patterns registers really hold. */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志文斌海燕云飞宇晨浩凯婷雪琳颖佳俊鑫欣怡梓涵子轩一诺思远晓东宏亮春梅金凤振兴永福德';
const TRADE =
  '鑫源恒达盛鼎润泰嘉禾瑞丰宏图金海聚福华兴信诚天宇新创优品锦程万通顺发博远永安康泰和美联众汇通昌隆佳和启明海润福瑞长青腾飞远航凯旋';

export function personName(rng: Rng): string {
  const s = SURNAMES[rng.int(0, SURNAMES.length - 1)] as string;
  const n = rng.chance(0.7) ? 2 : 1;
  let g = '';
  for (let i = 0; i < n; i++) g += GIVEN[rng.int(0, GIVEN.length - 1)] as string;
  return s + g;
}

export function tradeName(rng: Rng): string {
  const a = rng.int(0, TRADE.length - 1);
  let b = rng.int(0, TRADE.length - 1);
  if (b === a) b = (b + 1) % TRADE.length;
  return (TRADE[a] as string) + (TRADE[b] as string);
}

/**
 * An enterprise name. The serial keeps names distinct in a register this size; a few carry the
 * full-width brackets of the `字号（厦门）行业有限公司` pattern.
 */
export function companyName(rng: Rng, word: string, serial: number): string {
  const trade = tradeName(rng) + (serial > 0 ? serialWord(serial) : '');
  if (rng.chance(0.12)) return `${trade}（厦门）${word}有限公司`;
  return `厦门${trade}${word}有限公司`;
}

/** Individual businesses are named after the owner's trade word and shop type; duplicates are common. */
export function shopName(rng: Rng, shop: string, serial: number): string {
  return `厦门市海沧区${tradeName(rng)}${serial > 0 ? serialWord(serial) : ''}${shop}`;
}

const DIGITS = '零一二三四五六七八九';
function serialWord(n: number): string {
  let s = '';
  for (const ch of String(n)) s += DIGITS[Number(ch)] as string;
  return s;
}
