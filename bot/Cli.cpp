#include "bot/Cli.hpp"

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <optional>

#include "bot/ConsoleChat.hpp"
#include "bot/Log.hpp"
#include "bot/Service.hpp"
#include "bot/staff/StaffTokens.hpp"
#include "store/Staff.hpp"
#include "store/Store.hpp"
#include "workflows/LocalTime.hpp"
#include "workflows/calendar/CalendarExplain.hpp"
#include "workflows/calendar/DateMath.hpp"
#include "workflows/calendar/Period.hpp"
#include "workflows/calendar/WorkingDayCalendar.hpp"
#include "workflows/complaints/ComplaintPermissions.hpp"

namespace civicdesk::bot {

namespace {

constexpr const char* kUsage =
    "usage: civicdesk <command> [options]\n"
    "\n"
    "commands:\n"
    "  serve [--config FILE] [--simulated-clock START]\n"
    "                                     run the HTTP service (WeChat webhook at /wechat);\n"
    "                                     with a simulated clock starting at START\n"
    "                                     (e.g. 2026-11-27T09:00), moved by POST\n"
    "                                     /admin/clock/advance (needs the admin token)\n"
    "  chat  [--config FILE] [--as NAME]  talk to the bot in this terminal\n"
    "  due DATE PERIOD [--config FILE]    a statutory due date and how it was counted,\n"
    "                                     e.g. due 2024-09-27 5wd (working days), 30d (days)\n"
    "  staff add --name NAME --role ROLE --unit UNIT [--config FILE]\n"
    "                                     issue a staff token (printed once); ROLE is one of\n"
    "                                     handler, unit_head, leader, receiving_department,\n"
    "                                     leading_group_office, admin; UNIT a unit id\n"
    "  staff list [--config FILE]         the staff members (never their tokens)\n"
    "  help                               this text\n"
    "\n"
    "Without --config the demo district's configuration is used (config/civicdesk.json).\n"
    "Every setting can be overridden by a CIVICDESK_* environment variable; see README.md.\n";

struct Options {
  std::string configPath;
  std::string user = "console-user";
  std::vector<std::string> positional;  // `due`: DATE PERIOD
  std::string simulatedClock;           // `serve --simulated-clock START`
  std::string name, role, unit;         // `staff add`
};

std::optional<Options> parseOptions(const std::vector<std::string>& args, std::ostream& err) {
  Options options;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if ((a == "--config" || a == "--as") && i + 1 < args.size()) {
      (a == "--config" ? options.configPath : options.user) = args[++i];
    } else if (a == "--simulated-clock" && args[0] == "serve" && i + 1 < args.size()) {
      options.simulatedClock = args[++i];
    } else if ((a == "--name" || a == "--role" || a == "--unit") && args[0] == "staff" &&
               i + 1 < args.size()) {
      (a == "--name" ? options.name : a == "--role" ? options.role : options.unit) = args[++i];
    } else if (args[0] == "staff" && !a.starts_with("--") && options.positional.empty()) {
      options.positional.push_back(a);
    } else if (args[0] == "due" && !a.starts_with("--") && options.positional.size() < 2) {
      options.positional.push_back(a);
    } else {
      err << "civicdesk: unknown or incomplete option '" << a << "'\n\n" << kUsage;
      return std::nullopt;
    }
  }
  return options;
}

int serve(const Config& config, const Options& options, CliStreams streams) {
  std::optional<std::int64_t> simulatedStart;
  if (!options.simulatedClock.empty()) {
    simulatedStart = workflows::parseShanghaiDateTime(options.simulatedClock);
    if (!simulatedStart) {
      streams.err << "civicdesk: --simulated-clock takes a time like 2026-11-27T09:00, got '"
                  << options.simulatedClock << "'\n";
      return 2;
    }
    if (config.adminToken.empty()) {
      // The simulated clock is moved through the admin endpoint; without a token nobody
      // could move it, and it must never be movable by anyone.
      streams.err << "civicdesk: --simulated-clock needs an admin token (CIVICDESK_ADMIN_TOKEN)\n";
      return 1;
    }
  }

  // Block the stop signals in every thread the service starts; this thread waits for them.
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGTERM);
  sigaddset(&stopSignals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

  Log log(streams.err);
  workflows::SystemClock systemClock;
  std::optional<workflows::SettableClock> simulated;
  if (simulatedStart)
    simulated.emplace(workflows::TimePoint(std::chrono::seconds(*simulatedStart)));
  const workflows::Clock& clock =
      simulated ? static_cast<const workflows::Clock&>(*simulated) : systemClock;
  Service service(config, clock, log, simulated ? &*simulated : nullptr);
  const int port = service.start();
  if (simulated) {
    streams.out << "Simulated clock: " << workflows::formatIsoShanghai(clock.nowSeconds())
                << "; move it with POST /admin/clock/advance {\"by\": \"24h\"}\n";
  }
  streams.out << "CivicDesk is serving on http://" << config.listenHost << ":" << port << "\n"
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

// Staff, and anyone checking us, can ask how a due date is reached.
int due(const Config& config, const Options& options, CliStreams streams) {
  if (options.positional.size() != 2) {
    streams.err << "civicdesk due: give a start date and a period, e.g. due 2024-09-27 5wd\n";
    return 2;
  }
  auto start = workflows::parseIsoDate(options.positional[0]);
  if (!start) {
    streams.err << "civicdesk due: '" << options.positional[0]
                << "' is not a date; write it as YYYY-MM-DD\n";
    return 2;
  }
  auto period = workflows::parsePeriod(options.positional[1]);
  if (!period) {
    streams.err << "civicdesk due: " << period.error() << "\n";
    return 2;
  }
  const auto calendar = workflows::WorkingDayCalendar::load(config.calendarFile);
  auto explained = workflows::explainDue(calendar, *start, *period);
  if (!explained) {
    streams.err << "civicdesk due: " << explained.error().message << "\n";
    return 1;
  }
  streams.out << workflows::formatDate(explained->due) << "\n" << explained->text << "\n";
  return 0;
}

// Staff tokens are issued here, by whoever runs the service, and shown once.
int staff(const Config& config, const Options& options, CliStreams streams) {
  const std::string sub = options.positional.empty() ? "" : options.positional[0];
  std::filesystem::create_directories(config.dataDir);
  store::Store store(config.databasePath());
  if (sub == "list") {
    for (const auto& m : store::Staff(store).all()) {
      streams.out << m.id << "\t" << m.role << "\t" << m.unitId << "\t" << m.name
                  << (m.disabled ? "\t(disabled)" : "") << "\n";
    }
    return 0;
  }
  if (sub != "add") {
    streams.err << "civicdesk staff: use 'staff add --name … --role … --unit …' or 'staff list'\n";
    return 2;
  }
  if (options.name.empty()) {
    streams.err << "civicdesk staff add: --name is required\n";
    return 2;
  }
  if (!workflows::isStaffRole(options.role)) {
    streams.err << "civicdesk staff add: --role must be one of";
    for (auto role : workflows::staffRoles()) streams.err << " " << role;
    streams.err << "\n";
    return 2;
  }
  const auto units = workflows::UnitDirectory::load(config.unitsFile);
  if (units.find(options.unit) == nullptr) {
    streams.err << "civicdesk staff add: --unit '" << options.unit
                << "' is not a unit of the directory (" << config.unitsFile << ")\n";
    return 2;
  }
  const std::string token = newStaffToken();
  store::StaffMember member;
  member.name = options.name;
  member.role = options.role;
  member.unitId = options.unit;
  member.tokenHash = hashStaffToken(token);
  workflows::SystemClock clock;
  store::Transaction tx(store);
  const auto id = store::Staff(store).add(member, clock.nowSeconds());
  tx.commit();
  streams.out << "staff member " << id << " (" << options.role << ", " << options.unit
              << ") token, shown only now:\n"
              << token << "\n";
  return 0;
}

}  // namespace

int runCli(const std::vector<std::string>& args, CliStreams streams, const EnvLookup& env) {
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    streams.out << kUsage;
    return args.empty() ? 2 : 0;
  }
  const std::string& command = args[0];
  if (command != "serve" && command != "chat" && command != "due" && command != "staff") {
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
    if (command == "due") return due(*config, *options, streams);
    if (command == "staff") return staff(*config, *options, streams);
    return command == "serve" ? serve(*config, *options, streams)
                              : chat(*config, *options, streams);
  } catch (const std::exception& e) {
    streams.err << "civicdesk: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace civicdesk::bot
