// Command-line entry: reads settings, starts Meridian, and stops it cleanly on SIGTERM or SIGINT.
import { ConfigError, helpText, loadConfig } from "./config.ts";
import { startMeridian } from "./server.ts";

const argv = process.argv.slice(2);
if (argv.includes("--help") || argv.includes("-h")) {
  process.stdout.write(helpText());
  process.exit(0);
}

try {
  const config = loadConfig(process.env, argv);
  const server = await startMeridian(config);
  const shutdown = async (signal: string) => {
    console.log(`meridian: ${signal}, stopping`);
    await server.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGHUP", () => server.geo.reload());
} catch (err) {
  console.error(`meridian: ${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
