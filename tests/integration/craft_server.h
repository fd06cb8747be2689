#pragma once
// Starts the real craft binary (`craft serve`) on a free port with a fresh data folder, and stops
// it. Everything the tests do goes over HTTP to that process.

#include <httplib.h>
#include <sys/types.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace craft::testing {

// Runs `craft <args>` to completion; returns exit code and stdout.
struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout
  std::string errors;  // stderr
};
CommandResult RunCraft(const std::vector<std::string>& args);

class CraftServer {
 public:
  // Fresh temporary data folder; `extra` flags are appended to `craft serve`.
  explicit CraftServer(std::vector<std::string> extra = {});
  // Reuses an existing data folder (for restarts).
  CraftServer(std::string data_dir, std::vector<std::string> extra);
  ~CraftServer();

  void Start();
  void Stop();  // SIGTERM and wait
  void Kill();  // SIGKILL and wait: a crash

  const std::string& data_dir() const { return data_dir_; }
  const std::string& owner_key() const { return owner_key_; }
  int port() const { return port_; }
  httplib::Client Client() const;

 private:
  std::string data_dir_;
  std::vector<std::string> extra_;
  bool own_dir_ = false;
  pid_t pid_ = -1;
  int port_ = 0;
  std::string owner_key_;
};

// Small helpers over httplib for JSON calls with a bearer key.
struct Reply {
  int status = 0;
  nlohmann::json json;  // parsed body when JSON, else null
  std::string body;
  std::string content_type;
  std::string Header(const std::string& name) const;
  httplib::Headers headers;
};

// The reply of any httplib call: status, headers, body (parsed when JSON); status 0 when the
// connection failed.
Reply ToReply(const httplib::Result& result);

class Api {
 public:
  Api(const CraftServer& server, std::string key)
      : client_(server.Client()), key_(std::move(key)) {}
  Reply Get(const std::string& path);
  Reply Delete(const std::string& path);
  Reply Post(const std::string& path, const nlohmann::json& body);
  Reply Patch(const std::string& path, const nlohmann::json& body);
  Reply Raw(const std::string& method, const std::string& path, const std::string& body,
            const std::string& content_type);
  // multipart/form-data upload of a document.
  Reply Upload(const std::string& version_id, const std::string& type, const std::string& file_name,
               const std::string& content, const std::string& title = "");
  const std::string& key() const { return key_; }

 private:
  httplib::Client client_;
  std::string key_;
};

std::string MakeTempDir();
// The whole file (throws std::runtime_error when it cannot be read).
std::string ReadFile(const std::string& path);
std::string Sha256Hex(const std::string& data);

}  // namespace craft::testing
