// Draws every chart on an analytics page with Apache ECharts (SVG renderer).
// Each <div class="chart" data-chart="ID"> has its numbers in
// <script type="application/json" id="ID-data"> (no inline script: CSP).
(function () {
  "use strict";
  var PALETTE = ["#0b5d57", "#c2410c", "#1d4ed8", "#a16207", "#7e22ce", "#be123c", "#15803d", "#475569"];
  // Persian digits and the Persian decimal separator: the shared formatter (digits.js).
  function fa(value) {
    return window.ShahrvandDigits.toPersianDigits(String(value).replace(/\./g, "\u066B"));
  }
  // The chart's SVG is laid out left-to-right (see analytics.css); each Persian label is
  // wrapped in a right-to-left embedding so "۸ تا ۳۰ روز" reads in the right order.
  function rtl(text) { return "\u202B" + text + "\u202C"; }
  function grouped(text) { return fa(text.replace(/,/g, "٬")); }
  // A value as the page's tables show it: `decimals` comes from the server
  // (Chart.decimals), chosen so that two different values never print the same.
  function num(value, percent, decimals) {
    if (value === null || value === undefined) return "—";
    var d = decimals || 0;
    var text = value.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
    return grouped(text) + (percent ? "٪" : "");
  }
  // An axis tick exactly as ECharts chose it (0.05, 0.1, 0.15 …), without float noise:
  // ticks are distinct numbers, so their labels are distinct too (no "۰٫۱، ۰٫۱، ۰٫۲").
  function tick(value, percent) {
    var exact = parseFloat(Number(value).toPrecision(12));
    return grouped(exact.toLocaleString("en-US", { maximumFractionDigits: 12 })) + (percent ? "٪" : "");
  }

  function option(data) {
    var percent = data.series.length > 0 && data.series.every(function (s) { return s.percent; });
    var base = {
      color: PALETTE,
      animation: false,
      textStyle: { fontFamily: "Vazirmatn, Tahoma, sans-serif", fontSize: 13, color: "#1c2430" },
      tooltip: {
        renderMode: "richText", // the HTML tooltip writes inline styles, which CSP forbids
        trigger: data.kind === "pie" ? "item" : "axis",
        valueFormatter: function (v) { return num(v, percent, data.decimals); },
      },
      legend: {
        show: data.series.length > 1 || data.kind === "pie", bottom: 0, type: "scroll",
        formatter: function (name) { return rtl(name); },
      },
    };
    if (data.kind === "pie") {
      base.series = [{
        type: "pie", radius: ["38%", "68%"], center: ["50%", "45%"],
        label: { formatter: function (p) { return rtl(p.name + "، " + fa(p.percent.toFixed(0)) + "٪"); } },
        data: data.labels.map(function (label, i) { return { name: label, value: data.series[0].values[i] }; }),
      }];
      return base;
    }
    var horizontal = data.kind === "hbar";
    var category = {
      type: "category", data: data.labels, inverse: horizontal,
      axisLabel: {
        hideOverlap: true, width: horizontal ? 110 : undefined, overflow: "truncate",
        formatter: function (label) { return rtl(label); },
      },
    };
    var value = {
      type: "value", max: percent ? 100 : undefined,
      minInterval: data.integer ? 1 : undefined, // counts: no "۰٫۵ گزارش" ticks
      axisLabel: { formatter: function (v) { return tick(v, percent); } },
    };
    // Horizontal bars carry their value at the end: leave room for it on the right.
    base.grid = { left: 12, right: horizontal ? 56 : 16, top: 24, bottom: data.series.length > 1 ? 40 : 16, containLabel: true };
    base.xAxis = horizontal ? value : category;
    base.yAxis = horizontal ? category : value;
    base.series = data.series.map(function (s) {
      return {
        name: s.name,
        type: data.kind === "line" ? "line" : "bar",
        stack: data.kind === "stacked" ? "all" : undefined,
        data: s.values,
        smooth: false,
        symbolSize: 6,
        barMaxWidth: 36,
        label: { show: horizontal, position: "right", formatter: function (p) { return num(p.value, s.percent, data.decimals); } },
      };
    });
    return base;
  }

  function draw(el) {
    var source = document.getElementById(el.dataset.chart + "-data");
    if (!source || typeof echarts === "undefined") return;
    var data = JSON.parse(source.textContent);
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption(option(data));
    window.addEventListener("resize", function () { chart.resize(); });
    el.classList.add("chart-ready");
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll(".chart[data-chart]"), draw);
  });
})();
