// ECharts, from its webjar (Apache-2.0), with the dashboard's palette and accessibility defaults. The one place that names
// the library's version: dashboard/pom.xml pins the same one.
import * as echarts from '/webjars/echarts/5.3.1/dist/echarts.esm.min.js';
import { CATEGORICAL } from './palette.js';
import { h } from './dom.js';

const live = new Set();

const BASE = {
  color: CATEGORICAL,
  // no animation: a chart is complete in its first frame (what the render marker and the benchmark wait for), and motion
  // helps nobody reading figures
  animation: false,
  // ECharts writes a text description of each chart for screen readers
  aria: { enabled: true },
  textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
  grid: { containLabel: true, left: 8, right: 16, top: 36, bottom: 8 },
};

/** Adds up every number a chart shows: tests compare it before and after a filter changes. */
function seriesSum(option) {
  let sum = 0;
  const add = (v) => {
    if (typeof v === 'number' && Number.isFinite(v)) sum += v;
    else if (typeof v === 'string' && v !== '' && Number.isFinite(Number(v))) sum += Number(v);
  };
  for (const series of [].concat(option.series || [])) {
    for (const point of series.data || []) {
      if (Array.isArray(point)) add(point[point.length - 1]);
      else if (point && typeof point === 'object') add(Array.isArray(point.value) ? point.value.at(-1) : point.value);
      else add(point);
    }
  }
  return Math.round(sum * 100) / 100;
}

/**
 * Draws a chart into the container. Answers {instance, done}: done resolves once ECharts has rendered it (or after a bounded
 * wait, so a chart that cannot draw never holds the tab's render marker forever).
 */
export function chart(container, option, { height = 300, label = '' } = {}) {
  const el = h('div', { class: 'chart', 'aria-label': label || null });
  el.style.height = `${height}px`;
  container.append(el);
  const instance = echarts.init(el, null, { renderer: 'canvas' });
  const done = new Promise((resolve) => {
    instance.on('finished', resolve);
    setTimeout(resolve, 5000);
  });
  instance.setOption({ ...BASE, ...option });
  el.dataset.seriesSum = String(seriesSum(option));
  const observer = new ResizeObserver(() => instance.resize());
  observer.observe(el);
  live.add({ el, instance, observer });
  return { instance, done };
}

/** Disposes the charts that are no longer in the document (a tab was left or re-rendered). */
export function disposeDetached() {
  for (const c of [...live]) {
    if (!c.el.isConnected) {
      c.observer.disconnect();
      c.instance.dispose();
      live.delete(c);
    }
  }
}

/** Category axis + value axis options, with money or share formatting of the values. */
export function axes(categories, { horizontal = false, format = null, name = '' } = {}) {
  const category = { type: 'category', data: categories, axisLabel: { hideOverlap: true } };
  const value = { type: 'value', name, axisLabel: format ? { formatter: format } : {} };
  return horizontal
    ? { xAxis: value, yAxis: { ...category, inverse: true, axisLabel: { width: 160, overflow: 'truncate' } } }
    : { xAxis: category, yAxis: value };
}

/** Counts of values in equal-width bins from the smallest to the largest value: {starts, width, counts}. */
export function histogram(values, bins, from = Math.min(...values)) {
  const width = (Math.max(...values) - from) / bins || 1;
  const counts = Array(bins).fill(0);
  values.forEach((v) => counts[Math.max(0, Math.min(bins - 1, Math.floor((v - from) / width)))]++);
  return { starts: counts.map((_, i) => from + i * width), width, counts };
}
