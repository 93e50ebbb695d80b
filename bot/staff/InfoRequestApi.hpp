#pragma once
// The staff API's information requests (依申请公开; docs/STAFF-API.md §11):
//   GET  /api/info-requests                     the unit's requests (supervisors: all)
//   GET  /api/info-requests/statistics          the annual report's counts, JSON or CSV
//   GET  /api/info-requests/{no}                one request: application, state, deadlines,
//                                               history
//   POST /api/info-requests/{no}/{action}       request-supplement, supplement,
//                                               start-consultation, record-consultation,
//                                               request-extension, extend, decline-extension,
//                                               reply, archive
// The same tokens and errors as the rest of the staff API (bot/staff/ApiResponses.hpp).
#include <functional>
#include <mutex>

#include "bot/HttpServer.hpp"
#include "bot/Log.hpp"
#include "bot/staff/InfoRequestActions.hpp"
#include "store/Staff.hpp"
#include "store/Store.hpp"
#include "workflows/Clock.hpp"
#include "workflows/UnitDirectory.hpp"

namespace civicdesk::bot {

class InfoRequestApi {
 public:
  InfoRequestApi(store::Store& store, std::mutex& storeMutex, InfoRequestActions& actions,
                 const workflows::UnitDirectory& units, const workflows::Clock& clock, Log& log,
                 std::function<void()> outboxChanged);

  void addRoutes(HttpServer& http);

 private:
  using Response = channels::HttpResponse;
  Response list(const channels::HttpRequest& request);
  Response statistics(const channels::HttpRequest& request);
  Response get(const channels::HttpRequest& request);
  Response act(const channels::HttpRequest& request);
  // The whole request, the applicant's identity included: every such read is written to the
  // identity-read log with `purpose` ("request view", "after action"), as for complainants.
  Response view(const channels::HttpRequest& request, const std::string& purpose);

  store::Store& store_;
  std::mutex& storeMutex_;
  InfoRequestActions& actions_;
  const workflows::UnitDirectory& units_;
  const workflows::Clock& clock_;
  Log& log_;
  std::function<void()> outboxChanged_;
};

// The action a request body asks for; Invalid names the JSON key (404 for an unknown action).
Expected<workflows::InfoRequestAction, workflows::WorkflowError> parseInfoRequestAction(
    const std::string& action, const nlohmann::json& body);

}  // namespace civicdesk::bot
