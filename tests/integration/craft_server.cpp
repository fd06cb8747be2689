#include "craft_server.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "core/digest.h"

namespace craft::testing {
namespace {

// Starts craft with `args`, its stdout readable from `stdout_fd`; its stderr goes to the file
// `stderr_path` when one is given, else to the test's.
pid_t Spawn(const std::vector<std::string>& args, int& stdout_fd,
            const std::string& stderr_path = "") {
  int pipefd[2];
  if (pipe(pipefd) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(pipefd[1], 1);
    if (!stderr_path.empty()) {
      const int err = open(stderr_path.c_str(), O_WRONLY | O_TRUNC);
      if (err >= 0) dup2(err, 2);
    }
    close(pipefd[0]);
    close(pipefd[1]);
    std::vector<char*> argv;
    static std::string binary = CRAFT_BINARY;
    argv.push_back(binary.data());
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(pipefd[1]);
  stdout_fd = pipefd[0];
  return pid;
}

// Reads one line from fd (blocking), false at EOF.
bool ReadLine(int fd, std::string& line) {
  line.clear();
  char c;
  while (true) {
    const ssize_t n = read(fd, &c, 1);
    if (n <= 0) return !line.empty();
    if (c == '\n') return true;
    line += c;
  }
}

}  // namespace

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string MakeTempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "craft-test-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  return tmpl;
}

std::string Sha256Hex(const std::string& data) { return core::Sha256Hex(data); }

CommandResult RunCraft(const std::vector<std::string>& args) {
  std::string stderr_path =
      (std::filesystem::temp_directory_path() / "craft-stderr-XXXXXX").string();
  const int stderr_file = mkstemp(stderr_path.data());
  if (stderr_file < 0) throw std::runtime_error("mkstemp failed");
  close(stderr_file);
  int fd = -1;
  const pid_t pid = Spawn(args, fd, stderr_path);
  CommandResult result;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0)
    result.output.append(buf, static_cast<std::size_t>(n));
  close(fd);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.errors = ReadFile(stderr_path);
  std::filesystem::remove(stderr_path);
  std::cerr << result.errors;  // as before: visible in the test's log
  return result;
}

CraftServer::CraftServer(std::vector<std::string> extra)
    : data_dir_(MakeTempDir()), extra_(std::move(extra)), own_dir_(true) {
  Start();
}

CraftServer::CraftServer(std::string data_dir, std::vector<std::string> extra)
    : data_dir_(std::move(data_dir)), extra_(std::move(extra)) {
  Start();
}

CraftServer::~CraftServer() {
  Stop();
  if (own_dir_) {
    std::error_code ec;
    std::filesystem::remove_all(data_dir_, ec);
  }
}

void CraftServer::Start() {
  std::vector<std::string> args = {"serve", "--data", data_dir_, "--listen", "127.0.0.1:0"};
  args.insert(args.end(), extra_.begin(), extra_.end());
  int fd = -1;
  pid_ = Spawn(args, fd);
  std::string line;
  const std::string marker = "serving on http://127.0.0.1:";
  while (ReadLine(fd, line)) {
    if (line.rfind("CRAFT_API_KEY=", 0) == 0) owner_key_ = line.substr(14);
    const auto at = line.find(marker);
    if (at != std::string::npos) {
      port_ = std::atoi(line.c_str() + at + marker.size());
      break;
    }
  }
  // Keep draining stdout in the background so the server never blocks on a full pipe.
  std::thread([fd]() {
    char buf[1024];
    while (read(fd, buf, sizeof buf) > 0) {
    }
    close(fd);
  }).detach();
  if (port_ == 0) throw std::runtime_error("craft serve did not start: " + line);
}

void CraftServer::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

void CraftServer::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

httplib::Client CraftServer::Client() const {
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(60, 0);
  return client;
}

std::string Reply::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

Reply ToReply(const httplib::Result& result) {
  Reply reply;
  if (!result) return reply;
  reply.status = result->status;
  reply.body = result->body;
  reply.headers = result->headers;
  reply.content_type = result->get_header_value("Content-Type");
  if (reply.content_type.find("json") != std::string::npos) {
    reply.json = nlohmann::json::parse(reply.body, nullptr, false);
  }
  return reply;
}

Reply Api::Get(const std::string& path) {
  return ToReply(client_.Get(path.c_str(), {{"Authorization", "Bearer " + key_}}));
}

Reply Api::Delete(const std::string& path) {
  return ToReply(client_.Delete(path.c_str(), {{"Authorization", "Bearer " + key_}}));
}

Reply Api::Post(const std::string& path, const nlohmann::json& body) {
  return Raw("POST", path, body.dump(), "application/json");
}

Reply Api::Patch(const std::string& path, const nlohmann::json& body) {
  return Raw("PATCH", path, body.dump(), "application/json");
}

Reply Api::Raw(const std::string& method, const std::string& path, const std::string& body,
               const std::string& content_type) {
  httplib::Headers headers = {{"Authorization", "Bearer " + key_}};
  if (method == "POST")
    return ToReply(client_.Post(path.c_str(), headers, body, content_type.c_str()));
  if (method == "PATCH")
    return ToReply(client_.Patch(path.c_str(), headers, body, content_type.c_str()));
  if (method == "PUT")
    return ToReply(client_.Put(path.c_str(), headers, body, content_type.c_str()));
  if (method == "DELETE")
    return ToReply(client_.Delete(path.c_str(), headers, body, content_type.c_str()));
  return ToReply(client_.Get(path.c_str(), headers));
}

Reply Api::Upload(const std::string& version_id, const std::string& type,
                  const std::string& file_name, const std::string& content,
                  const std::string& title) {
  httplib::MultipartFormDataItems items = {
      {"type", type, "", ""},
      {"file", content, file_name, "application/pdf"},
  };
  if (!title.empty()) items.push_back({"title", title, "", ""});
  return ToReply(client_.Post(("/api/v1/versions/" + version_id + "/documents").c_str(),
                              {{"Authorization", "Bearer " + key_}}, items));
}

}  // namespace craft::testing
