#include "bot/Cli.hpp"

#include <csignal>
#include <iostream>
#include <optional>

#include "bot/ConsoleChat.hpp"
#include "bot/Log.hpp"
#include "bot/Service.hpp"

namespace civicdesk::bot {

namespace {

constexpr const char* kUsage =
    "usage: civicdesk <command> [options]\n"
    "\n"
    "commands:\n"
    "  serve [--config FILE]              run the HTTP service (WeChat webhook at /wechat)\n"
    "  chat  [--config FILE] [--as NAME]  talk to the bot in this terminal\n"
    "  help                               this text\n"
    "\n"
    "Without --config the demo district's configuration is used (config/civicdesk.json).\n"
    "Every setting can be overridden by a CIVICDESK_* environment variable; see README.md.\n";

struct Options {
  std::string configPath;
  std::string user = "console-user";
};

std::optional<Options> parseOptions(const std::vector<std::string>& args, std::ostream& err) {
  Options options;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if ((a == "--config" || a == "--as") && i + 1 < args.size()) {
      (a == "--config" ? options.configPath : options.user) = args[++i];
    } else {
      err << "civicdesk: unknown or incomplete option '" << a << "'\n\n" << kUsage;
      return std::nullopt;
    }
  }
  return options;
}

int serve(const Config& config, CliStreams streams) {
  // Block the stop signals in every thread the service starts; this thread waits for them.
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGTERM);
  sigaddset(&stopSignals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

  Log log(streams.err);
  workflows::SystemClock clock;
  Service service(config, clock, log);
  const int port = service.start();
  streams.out << "CivicDesk is serving on http://" << config.listenHost
              << ":" << port << "\n"
              << "  WeChat webhook:  POST/GET http://" << config.listenHost << ":" << port
              << "/wechat\n"
              << "  health, metrics: /healthz, /metrics\n"
              << "  try it without WeChat: civicdesk chat   (Ctrl-C stops the service)\n"
              << std::flush;
  int signal = 0;
  sigwait(&stopSignals, &signal);
  log.info("service.signal", {{"signal", signal == SIGTERM ? "SIGTERM" : "SIGINT"}});
  service.stop();
  return 0;
}

int chat(const Config& config, const Options& options, CliStreams streams) {
  Log log(streams.err, Log::Level::Warn);  // keep the conversation readable
  workflows::SystemClock clock;
  Service service(config, clock, log);
  ConsoleChat(service.dispatcher(), clock, options.user).run(streams.in, streams.out);
  return 0;
}

}  // namespace

int runCli(const std::vector<std::string>& args, CliStreams streams, const EnvLookup& env) {
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    streams.out << kUsage;
    return args.empty() ? 2 : 0;
  }
  const std::string& command = args[0];
  if (command != "serve" && command != "chat") {
    streams.err << "civicdesk: unknown command '" << command << "'\n\n" << kUsage;
    return 2;
  }
  auto options = parseOptions(args, streams.err);
  if (!options) return 2;
  std::string path = options->configPath;
  if (path.empty()) path = env("CIVICDESK_CONFIG").value_or(defaultConfigPath());
  auto config = loadConfig(path, env);
  if (!config) {
    streams.err << "civicdesk: " << config.error() << "\n";
    return 1;
  }
  try {
    return command == "serve" ? serve(*config, streams) : chat(*config, *options, streams);
  } catch (const std::exception& e) {
    streams.err << "civicdesk: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace civicdesk::bot
