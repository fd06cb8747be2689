#pragma once
// The data folder: the SQLite database (craft.db) and the blob store (blobs/, tmp/) of one
// installation.

#include <memory>
#include <string>

#include "store/blob/blob_store.h"
#include "store/store.h"

namespace craft::app {

struct DataFolder {
  std::string path;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<store::BlobStore> blobs;
};

// Creates the folder if needed and opens both stores; throws with a plain message on failure.
DataFolder OpenDataFolder(const std::string& path);

}  // namespace craft::app
