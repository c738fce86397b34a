#include "server/routes.h"

#include <nlohmann/json.hpp>

#include "core/names.h"

namespace facecast::server {
namespace {

StringResponse json_response(http::status status, std::string body, const Request& req) {
  StringResponse res{status, req.version()};
  res.set(http::field::content_type, "application/json");
  res.set(http::field::cache_control, "no-store");
  res.body() = std::move(body);
  res.keep_alive(req.keep_alive());
  res.prepare_payload();
  return res;
}

nlohmann::json names_list(auto const& names) {
  nlohmann::json out = nlohmann::json::array();
  for (auto n : names) out.push_back(std::string(n));
  return out;
}

}  // namespace

Route route_of(std::string_view path) {
  if (path == "/") return Route::Root;
  if (path == "/health") return Route::Health;
  if (path == "/livez") return Route::Live;
  if (path == "/blendshape-names") return Route::BlendshapeNames;
  if (path == "/process-audio") return Route::ProcessAudio;
  if (path == "/openapi.json") return Route::OpenApi;
  if (path == "/docs" || path.starts_with("/docs/")) return Route::Docs;
  if (path == "/metrics") return Route::Metrics;
  if (path == "/stream") return Route::Stream;
  return Route::Static;
}

bool method_allowed(Route route, http::verb method, std::string_view& allow) {
  if (route == Route::ProcessAudio) {
    allow = "POST, OPTIONS";
    return method == http::verb::post || method == http::verb::options;
  }
  allow = "GET, HEAD, OPTIONS";
  return method == http::verb::get || method == http::verb::head || method == http::verb::options;
}

std::optional<StringResponse> simple_response(ServerContext& ctx, Route route, const Request& req) {
  switch (route) {
    case Route::Root: {
      nlohmann::json status = {
          {"name", "facecast"},
          {"version", FACECAST_VERSION},
          {"engine",
           {{"speech", "PocketSphinx en-us"},
            {"modes", {"auto", "align", "recognize", "phonetic"}},
            {"workers", ctx.pool.size()},
            {"ready", ctx.pool.ready()}}},
          {"uptime_s", ctx.uptime_s()},
          {"endpoints", {"/health", "/livez", "/blendshape-names", "/process-audio", "/stream", "/openapi.json", "/docs", "/metrics"}}};
      return json_response(http::status::ok, status.dump(), req);
    }
    case Route::Health: {
      // Readiness: 200 only when this replica should get work. Not ready while
      // draining after SIGTERM, while loading the model, or while the job queue
      // is full, so a balancer or Kubernetes sends requests elsewhere.
      const bool loaded = ctx.pool.ready();
      const std::string load_error = ctx.pool.load_error();
      const char* status = ctx.connections.draining() ? "draining"
                           : !loaded                  ? (load_error.empty() ? "loading" : "error")
                           : ctx.pool.full()          ? "busy"
                                                      : "ok";
      const bool ready = std::string_view(status) == "ok";
      nlohmann::json health = {{"status", status},
                               {"model_loaded", loaded},
                               {"workers", ctx.pool.size()},
                               {"queue_depth", ctx.pool.queue_depth()},
                               {"queue_limit", ctx.settings.server.queue},
                               {"active_streams", ctx.metrics.active_streams()},
                               {"recognizers_loaded", ctx.pool.recognizers_loaded()},
                               {"version", FACECAST_VERSION}};
      if (!load_error.empty()) health["message"] = "the speech model could not be loaded (see the server log)";
      auto res = json_response(ready ? http::status::ok : http::status::service_unavailable, health.dump(), req);
      if (!ready) res.set(http::field::retry_after, "1");
      return res;
    }
    case Route::Live: {
      // Liveness: the process answers. Loading, busy and draining are all alive;
      // only a replica that stops answering this should be restarted.
      nlohmann::json live = {{"status", "alive"},
                             {"ready", ctx.pool.ready() && !ctx.connections.draining()},
                             {"draining", ctx.connections.draining()},
                             {"uptime_s", ctx.uptime_s()}};
      return json_response(http::status::ok, live.dump(), req);
    }
    case Route::BlendshapeNames: {
      nlohmann::json names = {{"names", names_list(kBlendshapeNames)},
                              {"count", kBlendshapeCount},
                              {"viseme_names", names_list(kVisemeNames)},
                              {"viseme_count", kVisemeCount}};
      return json_response(http::status::ok, names.dump(), req);
    }
    case Route::OpenApi: return json_response(http::status::ok, ctx.openapi, req);
    case Route::Metrics: {
      StringResponse res{http::status::ok, req.version()};
      res.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
      res.body() = ctx.metrics.render({ctx.pool.queue_depth(), ctx.pool.recognizers_loaded(), ctx.pool.live_decoders_loaded()},
                                      ctx.uptime_s());
      res.keep_alive(req.keep_alive());
      res.prepare_payload();
      return res;
    }
    default: return std::nullopt;
  }
}

}  // namespace facecast::server
