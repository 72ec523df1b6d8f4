// A line chart in SVG: loss per round of joint runs, bytes relayed per second on hubs.
import { s } from './dom.js'

/**
 * Where the points of `values` go in a `width` × `height` box with `pad` pixels of margin: x by
 * index, y scaled between the smallest and largest value (a flat series sits in the middle).
 * Pure, so it can be tested without a browser.
 */
export function chartGeometry (values, { width = 480, height = 160, pad = 24, left = 72 } = {}) {
  const ys = values.filter(v => Number.isFinite(v))
  if (ys.length === 0) return { points: [], min: 0, max: 0 }
  let min = Math.min(...ys)
  let max = Math.max(...ys)
  if (min === max) { min -= 1; max += 1 }
  const n = values.length
  const x = (i) => left + (n === 1 ? (width - left - pad) / 2 : (i * (width - left - pad)) / (n - 1))
  const y = (v) => height - pad - ((v - min) / (max - min)) * (height - 2 * pad)
  const points = values.map((v, i) => Number.isFinite(v) ? [Number(x(i).toFixed(2)), Number(y(v).toFixed(2))] : null).filter(p => p !== null)
  return { points, min, max }
}

/**
 * An <svg> line chart of `values` with axis labels; `label` names the series (and the chart);
 * `xTicks` the labels of the first and last x (default 1 and the number of values).
 */
export function lineChart (values, { label = '', xLabel = '', xTicks = [1, values.length], format = (v) => String(v), width = 480, height = 160 } = {}) {
  const pad = 24
  const left = 72
  const { points, min, max } = chartGeometry(values, { width, height, pad, left })
  const svg = s('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, width, height })
  svg.append(s('title', {}, label))
  svg.append(s('line', { x1: left, y1: height - pad, x2: width - pad, y2: height - pad, class: 'axis' }))
  svg.append(s('line', { x1: left, y1: pad, x2: left, y2: height - pad, class: 'axis' }))
  svg.append(s('text', { x: left - 4, y: pad + 4, 'text-anchor': 'end', class: 'tick' }, format(max)))
  svg.append(s('text', { x: left - 4, y: height - pad, 'text-anchor': 'end', class: 'tick' }, format(min)))
  if (values.length > 1) svg.append(s('text', { x: left, y: height - 6, 'text-anchor': 'start', class: 'tick' }, String(xTicks[0])))
  if (values.length > 1) svg.append(s('text', { x: width - pad, y: height - 6, 'text-anchor': 'end', class: 'tick' }, String(xTicks[1])))
  if (xLabel !== '') svg.append(s('text', { x: (left + width - pad) / 2, y: height - 6, 'text-anchor': 'middle', class: 'tick' }, xLabel))
  if (points.length > 0) {
    svg.append(s('polyline', { points: points.map(p => p.join(',')).join(' '), class: 'series' }))
    const last = points[points.length - 1]
    svg.append(s('circle', { cx: last[0], cy: last[1], r: 3, class: 'series-dot' }))
  }
  return svg
}
