// Browser enhancement of the server-rendered charts (pages work without it): a tooltip from each
// mark's <title>, shown on hover with d3. Plot and d3 are served from node_modules (no CDN).
/* global d3 */
(function () {
  if (typeof d3 === 'undefined') return;
  const tip = d3.select('body').append('div').attr('class', 'chart-tip').style('display', 'none');
  d3.selectAll('figure.chart svg [aria-label] > *, figure.chart svg a > *').each(function () {
    const el = d3.select(this);
    const title = el.select('title');
    if (title.empty()) return;
    const text = title.text();
    // Keep the text for the tooltip and drop the native one, which would show twice.
    title.remove();
    el.attr('data-tip', text);
  });
  d3.selectAll('[data-tip]')
    .on('pointerenter pointermove', function (event) {
      tip
        .style('display', 'block')
        .text(this.getAttribute('data-tip'))
        .style('left', event.pageX + 12 + 'px')
        .style('top', event.pageY + 12 + 'px');
    })
    .on('pointerleave', function () {
      tip.style('display', 'none');
    });
})();
