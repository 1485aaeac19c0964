#include "shell/dump.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <vector>

#include "base/json_string.h"
#include "shell/json_text.h"
#include "shell/read_file.h"

namespace linkgraph::shell {

namespace {

namespace fs = std::filesystem;

// Writes `text` to the new file `path` and syncs it; errno on failure (0 on success).
int WriteNewFile(const fs::path& path, std::string_view text) {
  int fd;
  do {
    fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return errno;
  while (!text.empty()) {
    ssize_t n = write(fd, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      close(fd);
      return err;
    }
    text.remove_prefix(static_cast<size_t>(n));
  }
  if (fsync(fd) != 0) {
    int err = errno;
    close(fd);
    return err;
  }
  return close(fd) == 0 ? 0 : errno;
}

// A fresh directory made by mkdtemp from `pattern` (ending in XXXXXX); errno on failure.
int MakeTempDir(const fs::path& pattern, fs::path* made) {
  std::string buf = pattern.string();
  if (mkdtemp(buf.data()) == nullptr) return errno;
  *made = buf;
  return 0;
}

// The dump's files, in the order they are written: (file name, content).
absl::StatusOr<std::vector<std::pair<std::string, std::string>>> DumpFiles(
    Database& db, std::vector<std::string>* empty_entities) {
  std::vector<std::pair<std::string, std::string>> files;
  files.emplace_back("schema.json", db.SchemaJson() + "\n");
  for (const ModuleStats& module : db.Stats().modules) {
    for (const TableStats& table : module.tables) {
      if (table.rows == 0) {
        empty_entities->push_back(table.entity);
        continue;
      }
      // `*` is every column (foreign keys and timestamps included); withDeleted keeps
      // soft-deleted rows and dismissed link rows.
      std::string request =
          "{\"entity\":" + base::QuoteJson(table.entity) + ",\"fields\":[\"*\"],\"withDeleted\":true}";
      LG_ASSIGN_OR_RETURN(Result rows, db.GraphJson(request));
      std::string text;
      for (size_t i = 0; i < rows.size(); ++i) {
        text += rows.row(i).ToJson();
        text.push_back('\n');
      }
      files.emplace_back(table.entity + ".jsonl", std::move(text));
    }
  }
  return files;
}

}  // namespace

absl::Status Dump(Database& db, const std::string& dir) {
  std::string name = dir;
  while (name.size() > 1 && name.back() == '/') name.pop_back();
  fs::path root(name);
  std::vector<std::string> empty_entities;
  LG_ASSIGN_OR_RETURN(auto files, DumpFiles(db, &empty_entities));

  // The files are written into a fresh directory on the same file system as `root` — inside it
  // when it exists, else beside it — and only then moved into place, so that a dump that fails
  // (no space, no permission) leaves an earlier dump as it was.
  struct stat st;
  bool exists = stat(root.c_str(), &st) == 0;
  if (!exists && errno != ENOENT) return SystemError(errno, "cannot dump into '" + dir + "'");
  if (exists && !S_ISDIR(st.st_mode)) {
    return SystemError(ENOTDIR, "cannot dump into '" + dir + "'");
  }
  fs::path temp;
  int err;
  if (exists) {
    err = MakeTempDir(root / ".linkgraph-dump-XXXXXX", &temp);
  } else {
    fs::path parent = root.parent_path();
    std::error_code ec;
    if (!parent.empty()) fs::create_directories(parent, ec);
    if (ec) return SystemError(ec.value(), "cannot create '" + parent.string() + "'");
    err = MakeTempDir(
        (parent.empty() ? fs::path(".") : parent) / ("." + root.filename().string() + ".dump-XXXXXX"),
        &temp);
  }
  if (err != 0) return SystemError(err, "cannot dump into '" + dir + "'");
  auto discard = [&] {
    std::error_code ignored;
    fs::remove_all(temp, ignored);
  };
  for (const auto& [file, text] : files) {
    if (int e = WriteNewFile(temp / file, text); e != 0) {
      discard();
      return SystemError(e, "cannot write '" + (root / file).string() + "'");
    }
  }

  if (!exists) {
    if (rename(temp.c_str(), root.c_str()) != 0) {
      int e = errno;
      discard();
      return SystemError(e, "cannot dump into '" + dir + "'");
    }
    return absl::OkStatus();
  }
  // Into an existing directory: each file replaced by rename, then the files of entities that no
  // longer have rows removed (other files in the directory are not the dump's and stay).
  for (const auto& [file, text] : files) {
    if (rename((temp / file).c_str(), (root / file).c_str()) != 0) {
      int e = errno;
      discard();
      return SystemError(e, "cannot write '" + (root / file).string() + "'");
    }
  }
  discard();
  for (const std::string& entity : empty_entities) {
    fs::path stale = root / (entity + ".jsonl");
    if (unlink(stale.c_str()) != 0 && errno != ENOENT) {
      return SystemError(errno, "cannot remove '" + stale.string() + "'");
    }
  }
  return absl::OkStatus();
}

}  // namespace linkgraph::shell
