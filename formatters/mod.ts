/**
 * Formatting: `Formatter` and `BufferingFormatter`, the three format styles, and the Python
 * formatting primitives they rest on (`%` formatting, `str.format`, `string.Template`,
 * `time.strftime`, `localtime`/`gmtime`).
 *
 * ```ts
 * import { Formatter, gmtime } from "@pylog/logging/formatters";
 * const f = new Formatter("%(asctime)s %(message)s");
 * f.converter = gmtime;
 * ```
 *
 * @module
 */

export {
  BufferingFormatter,
  type Converter,
  defaultFormatter,
  type FormatStyle,
  Formatter,
  type FormatterOptions,
  type Style,
} from "./formatter.ts";
export {
  PercentStyle,
  StrFormatStyle,
  StringTemplateStyle,
  type StyleClass,
  STYLES,
} from "./styles.ts";
export { percentFormat } from "../py/percent.ts";
export { gmtime, localtime, type StructTime } from "../py/time.ts";
export { strftime } from "../py/strftime.ts";
export { jsonDefault, JsonFormatter, type JsonFormatterOptions, RESERVED_ATTRS } from "./json.ts";
export type { JsonDefault } from "../py/json.ts";
export {
  ColoredFormatter,
  type ColoredFormatterOptions,
  type ColorStream,
  default_log_colors,
  escapeCodes,
  parseColors,
  TTYColoredFormatter,
} from "./colored.ts";
export { escapeControls } from "./sanitize.ts";
