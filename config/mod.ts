/**
 * **@pylog/logging/config**: Python's `logging.config`: {@linkcode dictConfig} (the configuration
 * dictionary schema, version 1) and {@linkcode fileConfig} (the configparser/INI format), so one
 * logging configuration serves a Python program and a TypeScript one.
 *
 * ```ts
 * import { getLogger } from "@pylog/logging";
 * import { dictConfig } from "@pylog/logging/config";
 *
 * dictConfig({
 *   version: 1,
 *   formatters: { brief: { format: "%(levelname)-8s %(name)s: %(message)s" } },
 *   handlers: {
 *     console: { class: "logging.StreamHandler", formatter: "brief", stream: "ext://sys.stdout" },
 *   },
 *   root: { level: "INFO", handlers: ["console"] },
 * });
 * getLogger("app").info("configured");
 * ```
 *
 * Names in a configuration resolve as in Python: `logging.StreamHandler`,
 * `logging.handlers.RotatingFileHandler`, `ext://sys.stdout`; your own classes and functions
 * resolve once registered with {@linkcode registerFactory}. A configuration is applied atomically:
 * one that fails throws and leaves the previous configuration working.
 *
 * @module
 */

import {
  ConfigError,
  type DictConfig,
  dictConfig,
  dictConfigFromFile,
  DictConfigurator,
} from "./dict_config.ts";
import { BaseConfigurator } from "./base_configurator.ts";
import { fileConfig, type FileConfigOptions } from "./file_config.ts";
import {
  ConfigParser,
  ConfigParserError,
  DuplicateOptionError,
  DuplicateSectionError,
  type GetOptions,
  InterpolationError,
  MissingSectionHeaderError,
  NoOptionError,
  NoSectionError,
  ParsingError,
} from "../py/configparser.ts";
import {
  configModuleAttrs,
  type FactoryOptions,
  registerFactory,
  setFactoryParams,
  unregisterFactory,
} from "./resolve.ts";

/** Python's `ValueError`, the base class of {@linkcode ConfigError} (all of them: `errors` at the root). */
export type { ValueError } from "../py/errors.ts";
export {
  BaseConfigurator,
  ConfigError,
  ConfigParser,
  ConfigParserError,
  type DictConfig,
  dictConfig,
  dictConfigFromFile,
  DictConfigurator,
  DuplicateOptionError,
  DuplicateSectionError,
  type FactoryOptions,
  fileConfig,
  type FileConfigOptions,
  type GetOptions,
  InterpolationError,
  MissingSectionHeaderError,
  NoOptionError,
  NoSectionError,
  ParsingError,
  registerFactory,
  setFactoryParams,
  unregisterFactory,
};

/**
 * Python's `logging.config.dictConfigClass`: the class `dictConfig` uses.
 *
 * @example
 * ```ts
 * import { dictConfigClass } from "@pylog/logging/config";
 * new dictConfigClass({ version: 1 }).configure();
 * ```
 */
export const dictConfigClass: typeof DictConfigurator = DictConfigurator;

// `fileConfig` registers itself in config/file_config.ts, so a bundle without it drops the INI parser.
Object.assign(configModuleAttrs, {
  dictConfig,
  dictConfigClass,
  DictConfigurator,
  BaseConfigurator,
});
