/**
 * The page language: `?lang=en|zh` chooses it and stores it in a cookie; otherwise the cookie decides;
 * Chinese by default. The API, exports and reports stay Chinese, so /api/ is left alone.
 */
import type { RequestHandler, Response } from 'express';
import { isLang, requestLang, type Lang } from '../../dashboards/ui/i18n.js';
import { LANG_COOKIE, readCookie, setLangCookie } from '../cookies.js';
import { HttpError } from '../../lib/errors.js';

export const language: RequestHandler = (req, res, next) => {
  if (req.path.startsWith('/api/')) return next();
  const asked = req.query.lang;
  let lang: Lang = 'zh';
  if (asked !== undefined) {
    // Like every page parameter, a value we do not know is refused by name rather than guessed.
    if (!isLang(asked))
      return next(new HttpError(400, 'bad_parameter', `参数 lang 的值“${String(asked)}”无效，可选：zh、en`));
    lang = asked;
    setLangCookie(req, res, lang);
  } else {
    const saved = readCookie(req, LANG_COOKIE);
    if (isLang(saved)) lang = saved;
  }
  res.locals.lang = lang;
  requestLang.run(lang, next);
};

export function langOf(res: Response): Lang {
  return isLang(res.locals.lang) ? res.locals.lang : 'zh';
}
