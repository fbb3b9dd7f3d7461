/** The part of Eleventy 3's programmatic API the site uses (the package ships no types for it). */
declare module '@11ty/eleventy' {
  type Logger = Partial<Record<'log' | 'info' | 'warn' | 'error', (message: string) => void>>;

  export interface DevServer {
    getServerUrl(host: string): string;
  }

  export interface UserConfig {
    ignores: Set<string>;
    addGlobalData(name: string, data: unknown): UserConfig;
    addTemplate(virtualPath: string, content: unknown, data?: Record<string, unknown>): void;
    addWatchTarget(target: string): void;
    setFrontMatterParsingOptions(options: { engines: Record<string, (text: string) => unknown> }): void;
    setTemplateFormats(formats: string[]): void;
    setUseGitIgnore(enabled: boolean): void;
    setServerOptions(options: { port?: number; showVersion?: boolean; messageOnStart?: () => false; ready?: (server: DevServer) => void; logger?: Logger; domDiff?: boolean }): void;
    on(event: 'eleventy.after', callback: (event: { directories: { output: string } }) => Promise<void> | void): void;
    on(event: 'eleventy.before', callback: () => Promise<void> | void): void;
  }

  export interface EleventyOptions {
    quietMode?: boolean;
    /** `false` reads no config file from the working directory. */
    configPath?: string | false;
    pathPrefix?: string;
    runMode?: 'build' | 'serve' | 'watch';
    config?: (config: UserConfig) => void | Promise<void>;
  }

  export default class Eleventy {
    constructor(input: string, output: string, options?: EleventyOptions);
    readonly logger: { overrideLogger(logger: Logger): void };
    initializeConfig(overrides?: Record<string, unknown>): Promise<void>;
    write(): Promise<unknown>;
    watch(): Promise<unknown>;
    serve(port?: number): Promise<void>;
    stopWatch(): Promise<void>;
  }
}
