/*
 * The ECharts charts of the pages, drawn from JSON the server writes into <script type="application/json"> blocks
 * (data, not code: the Content-Security-Policy allows no inline script). Each chart element is marked
 * data-rendered="true" once drawn.
 */
(function () {
  'use strict';

  function json(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function render(id, option) {
    var el = document.getElementById(id);
    if (!el || el.getAttribute('data-rendered') === 'true' || typeof echarts === 'undefined') return null;
    var chart = echarts.init(el, null, {renderer: 'canvas'});
    chart.setOption(option);
    el.setAttribute('data-rendered', 'true');
    window.addEventListener('resize', function () { chart.resize(); });
    return chart;
  }

  /** The enterprise file page (一企一档): revenue, R&D intensity and staff over the years. */
  function enterpriseFile() {
    var data = json('file-chart-data');
    if (!data) return;
    function base(series, yName) {
      return {
        tooltip: {trigger: 'axis'},
        legend: {top: 0},
        grid: {left: 56, right: 16, top: 36, bottom: 28},
        xAxis: {type: 'category', data: data.years},
        yAxis: {type: 'value', name: yName},
        series: series
      };
    }
    render('chart-revenue', base([{name: data.names.revenue, type: 'bar', data: data.revenue}], ''));
    render('chart-rd', base([{name: data.names.rdIntensity, type: 'line', connectNulls: false, data: data.rdIntensity}], '%'));
    render('chart-staff', base([
      {name: data.names.employees, type: 'line', data: data.employees},
      {name: data.names.techStaff, type: 'line', data: data.techStaff},
      {name: data.names.rdStaff, type: 'line', data: data.rdStaff}
    ], ''));
  }

  /** The leaders' dashboard: the ladder funnel and the trend per tier. */
  function dashboard() {
    var funnel = json('dashboard-funnel-data'), trend = json('dashboard-trend-data'), tierNames = json('dashboard-tier-names');
    if (!funnel || !trend || !tierNames) return;
    var en = document.documentElement.lang === 'en';
    function drawFunnel(id, steps) {
      render(id, {
        tooltip: {trigger: 'item', formatter: '{b}: {c}'},
        series: [{type: 'funnel', sort: 'descending', minSize: '10%', left: '5%', width: '55%',
          label: {show: true, position: 'right', formatter: '{b} {c}'},
          data: steps.map(function (f) { return {name: en ? f.nameEn : f.nameZh, value: f.atOrAbove}; })}]
      });
    }
    drawFunnel('chart-funnel', funnel);
    var miit = json('dashboard-funnel-miit-data');
    if (miit) drawFunnel('chart-funnel-miit', miit);
    var years = Object.keys(trend);
    render('chart-trend', {
      tooltip: {trigger: 'axis'}, legend: {type: 'scroll'},
      xAxis: {type: 'category', data: years}, yAxis: {type: 'value'},
      series: tierNames.map(function (n, i) {
        return {name: n, type: 'line', data: years.map(function (y) { return trend[y][i]; })};
      })
    });
  }

  /** The distribution of innovation points; a bar opens the ranking filtered to its band. */
  function pointsDistribution() {
    var data = json('points-distribution-data');
    var el = document.getElementById('points-distribution-chart');
    if (!data || !el) return;
    var chart = render('points-distribution-chart', {
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      legend: {top: 0},
      grid: {left: 48, right: 16, top: 36, bottom: 28},
      xAxis: {type: 'category', data: data.categories},
      yAxis: {type: 'value', minInterval: 1},
      series: data.series
    });
    if (!chart) return;
    var ranking = el.getAttribute('data-ranking') || '/points';
    chart.on('click', function (p) {
      var band = data.bands[p.dataIndex];
      if (band) window.location.href = ranking + (ranking.indexOf('?') < 0 ? '?' : '&') + 'min=' + band.min + '&max=' + band.max;
    });
  }

  /** The credit overview: amounts per child region; a click drills into that region. */
  function creditRegions() {
    var data = json('credit-region-data');
    if (!data) return;
    var chart = render('credit-region-chart', {
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      legend: {top: 0},
      grid: {left: 56, right: 16, top: 36, bottom: 48},
      xAxis: {type: 'category', data: data.names, axisLabel: {interval: 0, rotate: data.names.length > 6 ? 30 : 0}},
      yAxis: {type: 'value', name: data.unit},
      series: data.series
    });
    if (!chart || !data.drill) return;
    chart.on('click', function (p) {
      var code = data.codes[p.dataIndex];
      if (code) window.location.href = '/credit/bureau?region=' + encodeURIComponent(code);
    });
  }

  function drawAll() {
    creditRegions();
    enterpriseFile();
    dashboard();
    pointsDistribution();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', drawAll);
  else drawAll();
  // content swapped in by htmx may bring a chart
  document.addEventListener('htmx:afterSettle', drawAll);
})();
