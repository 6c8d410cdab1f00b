// Lyra backtest report: price (candles with trade markers), equity and drawdown on one synchronized time axis.
// Zoom with the wheel, pan by dragging, double-click an axis to reset; the legend shows the values under the cursor and
// the trades of that bar. Reads the JSON in <script id="report-data">; needs only the inlined LightweightCharts.
(function () {
  'use strict';
  const d = JSON.parse(document.getElementById('report-data').textContent);
  const LC = window.LightweightCharts;
  const fmt = (v, digits) => (v === null || v === undefined || !isFinite(v)) ? '–' : Number(v).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: Math.min(2, digits) });
  const stamp = t => new Date(t * 1000).toISOString().replace('T', ' ').slice(0, d.intraday ? 16 : 10);
  const base = height => ({
    height,
    autoSize: true,
    layout: { background: { color: '#fafafa' }, textColor: '#222', fontSize: 11 },
    grid: { vertLines: { color: '#eee' }, horzLines: { color: '#eee' } },
    rightPriceScale: { borderColor: '#ddd', minimumWidth: 90 },
    timeScale: { borderColor: '#ddd', timeVisible: d.intraday, secondsVisible: false },
    crosshair: { mode: LC.CrosshairMode.Normal },
  });

  const priceChart = LC.createChart(document.getElementById('chart-price'), base(340));
  const candles = priceChart.addSeries(LC.CandlestickSeries, { upColor: '#1a7f37', downColor: '#cf222e', borderVisible: false, wickUpColor: '#1a7f37', wickDownColor: '#cf222e' });
  candles.setData(d.candles.map(r => ({ time: r[0], open: r[1], high: r[2], low: r[3], close: r[4] })));

  // Trades by bar time: markers on the candles and the legend's lines.
  const byTime = new Map();
  const add = (t, line) => { if (!byTime.has(t)) byTime.set(t, []); byTime.get(t).push(line); };
  const markers = [];
  d.trades.forEach((x, i) => {
    const side = x.long ? 'long' : 'short';
    markers.push({ time: x.entry, position: x.long ? 'belowBar' : 'aboveBar', color: x.long ? '#1a7f37' : '#cf222e', shape: x.long ? 'arrowUp' : 'arrowDown', text: '#' + (i + 1) });
    markers.push({ time: x.exit, position: x.long ? 'aboveBar' : 'belowBar', color: x.pnl >= 0 ? '#1a7f37' : '#cf222e', shape: 'circle', text: '' });
    add(x.entry, `#${i + 1} ${side} ${fmt(x.qty, 6)} @ ${fmt(x.entryPrice, 8)}`);
    add(x.exit, `#${i + 1} exit @ ${fmt(x.exitPrice, 8)} (${x.reason}) PnL ${fmt(x.pnl, 2)} = ${fmt(x.ret * 100, 2)} %`);
  });
  markers.sort((a, b) => a.time - b.time);
  LC.createSeriesMarkers(candles, markers);

  const equityChart = LC.createChart(document.getElementById('chart-equity'), base(200));
  const equity = equityChart.addSeries(LC.AreaSeries, { lineColor: '#0969da', topColor: 'rgba(9,105,218,0.25)', bottomColor: 'rgba(9,105,218,0.02)', lineWidth: 2 });
  equity.setData(d.equity.map(r => ({ time: r[0], value: r[1] })));

  const drawdownChart = LC.createChart(document.getElementById('chart-drawdown'), base(140));
  const drawdown = drawdownChart.addSeries(LC.AreaSeries, { lineColor: '#cf222e', topColor: 'rgba(207,34,46,0.02)', bottomColor: 'rgba(207,34,46,0.3)', lineWidth: 1, invertFilledArea: true });
  drawdown.setData(d.drawdown.map(r => ({ time: r[0], value: r[1] })));

  // One time axis: zooming or panning any chart moves the others, and the crosshair follows. Only the chart being used
  // (the price chart for scripted changes) leads: range events arrive a frame late, and an echo would undo a zoom.
  const charts = [[priceChart, candles], [equityChart, equity], [drawdownChart, drawdown]];
  let leader = priceChart;
  charts.forEach(([chart]) => {
    ['pointerenter', 'pointerdown', 'wheel', 'touchstart'].forEach(e => chart.chartElement().addEventListener(e, () => { leader = chart; }, { capture: true, passive: true }));
    chart.timeScale().subscribeVisibleLogicalRangeChange(range => {
      if (chart !== leader || !range) return;
      charts.forEach(([other]) => { if (other !== chart) other.timeScale().setVisibleLogicalRange(range); });
    });
  });
  const index = new Map(d.candles.map((r, i) => [r[0], i]));
  const legend = document.getElementById('legend');
  const tip = document.getElementById('tooltip');
  const show = (time, point, source) => {
    const i = index.get(time);
    if (i === undefined) { legend.textContent = d.summary; tip.style.display = 'none'; return; }
    const c = d.candles[i];
    legend.textContent = `${stamp(time)}  O ${fmt(c[1], 8)}  H ${fmt(c[2], 8)}  L ${fmt(c[3], 8)}  C ${fmt(c[4], 8)}   equity ${fmt(d.equity[i][1], 2)}   drawdown ${fmt(d.drawdown[i][1], 2)} %`;
    const trades = byTime.get(time);
    if (trades && point) {
      tip.textContent = trades.join('\n');
      tip.style.display = 'block';
      const host = source.getBoundingClientRect();
      tip.style.left = (window.scrollX + host.left + Math.min(point.x + 14, host.width - 260)) + 'px';
      tip.style.top = (window.scrollY + host.top + point.y + 14) + 'px';
    } else {
      tip.style.display = 'none';
    }
  };
  // Programmatic crosshairs on the other charts raise their own (late) events: only the chart under the mouse leads.
  charts.forEach(([chart]) => chart.subscribeCrosshairMove(param => {
    if (chart !== leader) return;
    if (param.time === undefined) {
      charts.forEach(([other]) => { if (other !== chart) other.clearCrosshairPosition(); });
      show(undefined);
    } else {
      const i = index.get(param.time);
      charts.forEach(([other, s]) => {
        if (other === chart || i === undefined) return;
        const value = s === candles ? d.candles[i][4] : s === equity ? d.equity[i][1] : d.drawdown[i][1];
        other.setCrosshairPosition(value, param.time, s);
      });
      show(param.time, param.point, chart.chartElement());
    }
  }));
  show(undefined);
  priceChart.timeScale().fitContent();
  // For scripts and tests driving the page (a browser console, headless Chromium).
  window.lyraCharts = { price: priceChart, equity: equityChart, drawdown: drawdownChart, data: d };
  document.body.dataset.charts = 'ready';
})();
