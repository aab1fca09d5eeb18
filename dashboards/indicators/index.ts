/** The credit-monitoring indicators page: each indicator against its target, and its trend. */
import type { Db } from '../../lib/db.js';
import { supervisionSectionOf } from '../exits/indicators.js';
import { html } from '../ui/html.js';
import { indicatorRows, monthlyPublicity } from '../publicity/query.js';
import { t, type Lang } from '../ui/i18n.js';
import type { PageView } from '../ui/pageView.js';
import { indicatorsBody } from './page.js';
import { indicatorTrend } from './query.js';

export async function indicatorsView(db: Db, lang: Lang): Promise<PageView> {
  return {
    title: t(lang, '信用监测指标'),
    body: html`${indicatorsBody(await indicatorRows(db), await monthlyPublicity(db), await indicatorTrend(db), lang)}${await supervisionSectionOf(db, lang)}`,
  };
}
