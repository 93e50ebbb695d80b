#pragma once
// POST /hotline/transcripts (issue 5): the operators' system posts each finished call. The
// transcript is read for a complaint (workflows ComplaintExtraction) and combined with what the
// operator filled in; a complete complaint is registered with the call's end as its receipt
// (Art. 5) and the caller gets the acknowledgement by SMS; otherwise the call becomes a
// call-back task naming exactly what is missing. Idempotent on call_id: the same call posted
// again gets the answer stored with it.
//
// A call whose operator fields say "kind": "info_request" is an application for government
// information (issue 6) instead: it is read from the fields (name, id_number, applicant_type,
// representative, phone, email, address, unit, title, document_number, features, form,
// delivery; the caller's number as contact), registered through InfoRequestActions with the
// call's end as its receipt and acknowledged by SMS (citizen.hotline.info.registered), or
// returned as a call-back task naming what is missing in missingApplicationItems' words.
//
// GET /hotline/callback-tasks lists the open call-back tasks; a later call whose fields carry
// "callback_of": "<call_id>" closes that task when it registers the complaint or application.
#include <mutex>
#include <string>

#include "bot/HttpServer.hpp"
#include "bot/Log.hpp"
#include "bot/Metrics.hpp"
#include "bot/staff/CitizenNotifier.hpp"
#include "bot/staff/ComplaintActions.hpp"
#include "bot/staff/InfoRequestActions.hpp"
#include "channels/hotline/HotlineTranscript.hpp"
#include "dialogs/Templates.hpp"
#include "store/HotlineCalls.hpp"
#include "store/Store.hpp"
#include "workflows/Clock.hpp"
#include "workflows/UnitDirectory.hpp"
#include "workflows/complaints/ComplaintExtraction.hpp"

namespace civicdesk::bot {

class HotlineRoute {
 public:
  HotlineRoute(std::string token, store::Store& store, std::mutex& storeMutex,
               ComplaintActions& actions, InfoRequestActions& infoRequests,
               CitizenNotifier& notifier, const workflows::UnitDirectory& units,
               const dialogs::Templates& templates, const workflows::Clock& clock, Log& log,
               Metrics& metrics, std::function<void()> outboxChanged);

  void addRoutes(HttpServer& http);

  channels::HttpResponse receive(const channels::HttpRequest& request,
                                 const std::string& requestId);
  channels::HttpResponse callbackTasks(const channels::HttpRequest& request);

 private:
  bool authorised(const channels::HttpRequest& request) const;
  // The complaint the call holds: the transcript's, with the operator's fields on top.
  workflows::ExtractedComplaint read(const channels::HotlineTranscript& call) const;
  nlohmann::json handle(const channels::HotlineTranscript& call, std::int64_t now);
  // The application the operator's fields hold (fields.kind "info_request").
  workflows::Application readApplication(const channels::HotlineTranscript& call) const;
  nlohmann::json handleApplication(const channels::HotlineTranscript& call,
                                   store::HotlineCallRecord& record, std::int64_t now);

  std::string token_;
  store::Store& store_;
  std::mutex& storeMutex_;
  ComplaintActions& actions_;
  InfoRequestActions& infoRequests_;
  CitizenNotifier& notifier_;
  const workflows::UnitDirectory& units_;
  const dialogs::Templates& templates_;
  const workflows::Clock& clock_;
  Log& log_;
  Metrics& metrics_;
  std::function<void()> outboxChanged_;
};

}  // namespace civicdesk::bot
