#include "app/data_folder.h"

#include <filesystem>
#include <stdexcept>

#include "app/commands.h"

namespace craft::app {

DataFolder OpenDataFolder(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) throw std::runtime_error("cannot create data folder " + path + ": " + ec.message());
  DataFolder folder;
  folder.path = path;
  folder.store = store::OpenSqliteStore((std::filesystem::path(path) / "craft.db").string());
  folder.blobs = store::OpenFilesystemBlobStore(path);
  return folder;
}

void AddDataOption(CLI::App& command, std::string& data_dir) {
  command.add_option("--data", data_dir, "Data folder: SQLite database and blob store")
      ->envname("CRAFT_DATA")
      ->capture_default_str();
}

}  // namespace craft::app
