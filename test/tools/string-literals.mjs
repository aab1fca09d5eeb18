/* global process, console */
// Every string and template literal of each FILE, compared with the same file at REF: a refactoring that
// must not change behaviour (a move, a re-format) leaves them byte-identical.
//   node test/tools/string-literals.mjs REF FILE...
import ts from 'typescript';
import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
const [ref, ...files] = process.argv.slice(2);
function strings(src, name) {
  const sf = ts.createSourceFile(name, src, ts.ScriptTarget.Latest, true);
  const out = [];
  const visit = (n) => {
    if (
      ts.isNoSubstitutionTemplateLiteral(n) ||
      ts.isTemplateHead(n) ||
      ts.isTemplateMiddle(n) ||
      ts.isTemplateTail(n) ||
      ts.isStringLiteral(n)
    )
      out.push(n.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}
let bad = 0;
for (const f of files) {
  let old;
  try {
    old = execSync(`git show ${ref}:${f}`, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
  } catch {
    continue;
  }
  const a = strings(old, f).join('\u0000'),
    b = strings(readFileSync(f, 'utf8'), f).join('\u0000');
  if (a !== b) {
    bad++;
    console.log('DIFF', f);
  }
}
console.log('checked', files.length, 'differ', bad);
