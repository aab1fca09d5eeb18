/** SVG → PNG for documents (DOCX embeds images only), with the system's CJK fonts. */
import { Resvg } from '@resvg/resvg-js';

export interface Png {
  data: Buffer;
  width: number;
  height: number;
}

export function rasterise(svg: string, scale = 2): Png {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'WenQuanYi Micro Hei', sansSerifFamily: 'WenQuanYi Micro Hei' },
  });
  const image = resvg.render();
  return { data: image.asPng(), width: image.width / scale, height: image.height / scale };
}
