#pragma once
// The staff API (JSON over HTTP, docs/staff-api.openapi.yaml): my tasks, a case with its
// history and deadlines, one endpoint per step of the complaint workflow, complaints received
// by visit, letter, phone or fax (Art. 5), and answers to investigation tasks (Art. 11).
// Sends that failed for good (a citizen outside WeChat's window, a robot key revoked...) are
// listed for the leading-group office and can be retried once the cause is fixed.
// Every request carries a staff bearer token; roles and units decide what it may do.
// Errors: 401 no valid token, 403 wrong role or unit, 404 no such case, 409 not allowed now,
// 422 invalid input (with the field), 400 a body that is not JSON.
#include <functional>
#include <mutex>
#include <optional>

#include "bot/HttpServer.hpp"
#include "bot/Log.hpp"
#include "bot/staff/ComplaintActions.hpp"
#include "store/Staff.hpp"
#include "store/Store.hpp"
#include "workflows/Clock.hpp"
#include "workflows/UnitDirectory.hpp"

namespace civicdesk::bot {

class StaffApi {
 public:
  StaffApi(store::Store& store, std::mutex& storeMutex, ComplaintActions& actions,
           const workflows::UnitDirectory& units, const workflows::Clock& clock, Log& log,
           std::function<void()> outboxChanged);

  void addRoutes(HttpServer& http);

 private:
  using Response = channels::HttpResponse;
  // Who is asking; call with the store lock held.
  std::optional<store::StaffMember> authenticate(const channels::HttpRequest& request);
  Response me(const channels::HttpRequest& request);
  Response tasks(const channels::HttpRequest& request);
  Response getCase(const channels::HttpRequest& request);
  Response registerCase(const channels::HttpRequest& request);
  Response act(const channels::HttpRequest& request);
  Response answerTask(const channels::HttpRequest& request);
  Response failedDeliveries(const channels::HttpRequest& request);
  Response retryDelivery(const channels::HttpRequest& request);

  store::Store& store_;
  std::mutex& storeMutex_;
  ComplaintActions& actions_;
  const workflows::UnitDirectory& units_;
  const workflows::Clock& clock_;
  Log& log_;
  std::function<void()> outboxChanged_;
};

}  // namespace civicdesk::bot
