// craft serve: the REST API on an embedded SQLite database and a local blob folder.

#include <signal.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>

#include "app/commands.h"
#include "app/data_folder.h"
#include "http/handlers/routes.h"
#include "http/server.h"
#include "store/scan.h"

namespace craft::app {
namespace {

struct ServeOptions {
  std::string data_dir = "./var";
  std::string listen = "127.0.0.1:8080";
  std::uint64_t json_limit = 1 << 20;
  std::uint64_t upload_limit = 512ull << 20;
  int read_timeout = 30;
  int max_connections = 1024;
};

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void SplitListen(const std::string& listen, std::string& host, unsigned short& port) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos)
    throw std::runtime_error("--listen expects HOST:PORT, got " + listen);
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  const int value = std::stoi(listen.substr(colon + 1));
  if (value < 0 || value > 65535) throw std::runtime_error("port out of range in " + listen);
  port = static_cast<unsigned short>(value);
}

void Serve(const ServeOptions& options) {
  // Signals are taken by a dedicated thread (sigwait), so the server stops cleanly.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  DataFolder folder = OpenDataFolder(options.data_dir);
  if (folder.store->CountOrganisations() == 0) {
    const store::CreatedApiKey owner = folder.store->CreateOrganisation("My organisation", {});
    std::cout << "First start: created organisation " << owner.key.organisation_id
              << " with an owner API key (shown once, store it now):\n"
              << "CRAFT_API_KEY=" << owner.secret << std::endl;
  }
  // Kept for the life of the server: the scans of uploads and rescans read each advisory key from
  // the store once per advisory generation.
  store::ScanCache scan_cache;
  http::ApiContext context{*folder.store,      *folder.blobs,        Now,
                           options.json_limit, options.upload_limit, &scan_cache};
  http::Router router;
  http::AddApiRoutes(router, context);
  http::ServerOptions server_options;
  SplitListen(options.listen, server_options.host, server_options.port);
  server_options.json_body_limit = options.json_limit;
  server_options.upload_body_limit = options.upload_limit;
  server_options.read_timeout_seconds = options.read_timeout;
  server_options.max_connections = options.max_connections;
  http::Server server(router, server_options);
  server.Listen();
  const std::string host = server_options.host.find(':') != std::string::npos
                               ? "[" + server_options.host + "]"
                               : server_options.host;
  std::cout << "craft serving on http://" << host << ":" << server.port() << "/ (API: /api/v1, "
            << "data: " << options.data_dir << ")" << std::endl;
  // Background jobs (rescans queued by `craft vuln import` or by another instance): claimed one at
  // a time from the shared database, so each runs once whichever instance takes it.
  std::atomic<bool> stopping{false};
  std::thread jobs([&folder, &stopping, &scan_cache]() {
    while (!stopping.load()) {
      std::optional<store::JobRecord> job;
      try {
        job = folder.store->ClaimNextJob();
        if (job && job->kind == "rescan") store::RunRescan(*folder.store, *job, &scan_cache);
      } catch (const std::exception& e) {
        std::cerr << "craft: background job failed: " << e.what() << std::endl;
      }
      for (int i = 0; i < 10 && !job && !stopping.load(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
  });
  std::thread waiter([&server, signals]() {
    int received = 0;
    sigwait(&signals, &received);
    server.Stop();
  });
  server.Run();
  stopping = true;
  jobs.join();
  if (waiter.joinable()) {
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
  }
}

}  // namespace

void AddServeCommand(CLI::App& app) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* serve =
      app.add_subcommand("serve", "Serve the REST API on an embedded SQLite database");
  AddDataOption(*serve, options->data_dir);
  serve
      ->add_option("--listen", options->listen,
                   "Address to listen on, HOST:PORT (port 0: any free)")
      ->envname("CRAFT_LISTEN")
      ->capture_default_str();
  serve->add_option("--json-limit", options->json_limit, "Largest JSON request body, in bytes")
      ->envname("CRAFT_JSON_LIMIT")
      ->capture_default_str();
  serve->add_option("--upload-limit", options->upload_limit, "Largest upload, in bytes")
      ->envname("CRAFT_UPLOAD_LIMIT")
      ->capture_default_str();
  serve
      ->add_option("--read-timeout", options->read_timeout,
                   "Seconds a client may stall mid-request before it is dropped")
      ->envname("CRAFT_READ_TIMEOUT")
      ->capture_default_str();
  serve->add_option("--max-connections", options->max_connections, "Concurrent connections")
      ->envname("CRAFT_MAX_CONNECTIONS")
      ->capture_default_str();
  serve->callback([options]() { Serve(*options); });
}

}  // namespace craft::app
