// FaultEnv: failure injection and the crash model (see fault_env.h for what is modeled).
#include "engine/durable/fault_env.h"

#include <algorithm>

#include "linkgraph/status.h"

namespace linkgraph::durable {

// What the crash model knows of one file. Shared by the map entry for its current path and
// by every File open on it, so a rename while open keeps one state.
struct FaultEnv::FileState {
  uint64_t synced_size = 0;    // bytes that survive a crash
  bool entry_durable = false;  // its directory entry survives a crash
};

// A rename not yet made durable by SyncDir of to's directory.
struct FaultEnv::PendingRename {
  std::string from, to;
  std::shared_ptr<FileState> moved;
  bool from_entry_durable = false;
  // The durable contents of the file the rename replaced at `to`, if it had a durable entry.
  std::optional<std::string> replaced;
  std::shared_ptr<FileState> replaced_state;
};

class FaultEnv::File final : public WritableFile {
 public:
  File(FaultEnv* env, std::unique_ptr<WritableFile> base, std::shared_ptr<FileState> state,
       uint64_t generation)
      : env_(env), base_(std::move(base)), state_(std::move(state)), generation_(generation) {}

  absl::Status Append(std::string_view data) override { return env_->FileAppend(*this, data); }
  absl::Status Sync() override { return env_->FileSync(*this); }
  absl::Status Close() override { return base_->Close(); }
  uint64_t size() const override { return base_->size(); }
  const std::string& path() const override { return base_->path(); }

 private:
  friend class FaultEnv;
  FaultEnv* const env_;
  std::unique_ptr<WritableFile> base_;
  std::shared_ptr<FileState> state_;
  const uint64_t generation_;
};

namespace {

size_t Index(FaultEnv::Op op) { return static_cast<size_t>(op); }

// `dir` as DirName spells the directory of a file in it ("d/" -> "d").
std::string NormalDir(std::string_view dir) {
  return std::string(DirName(std::string(dir) + "/x"));
}

}  // namespace

FaultEnv::FaultEnv(Env* base) : base_(base) {}
FaultEnv::~FaultEnv() = default;

void FaultEnv::FailNth(Op op, uint64_t n, absl::Status status, bool and_after) {
  std::lock_guard<std::mutex> lock(mu_);
  Failure& f = failures_[Index(op)];
  f.at = calls_[Index(op)] + std::max<uint64_t>(n, 1);
  f.and_after = and_after;
  f.status = std::move(status);
}

void FaultEnv::TearAppend(uint64_t n, size_t keep_bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  tear_at_ = calls_[Index(Op::kAppend)] + std::max<uint64_t>(n, 1);
  tear_keep_ = keep_bytes;
}

void FaultEnv::SetDiskBudget(uint64_t bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  disk_budget_ = bytes;
}

void FaultEnv::ClearFaults() {
  std::lock_guard<std::mutex> lock(mu_);
  for (Failure& f : failures_) f = Failure{};
  tear_at_ = 0;
  disk_budget_.reset();
}

uint64_t FaultEnv::calls(Op op) const {
  std::lock_guard<std::mutex> lock(mu_);
  return calls_[Index(op)];
}

absl::Status FaultEnv::CountAndCheck(Op op) {
  const uint64_t call = ++calls_[Index(op)];
  const Failure& f = failures_[Index(op)];
  if (f.at != 0 && (call == f.at || (f.and_after && call > f.at))) return f.status;
  return absl::OkStatus();
}

absl::Status FaultEnv::FileAppend(File& file, std::string_view data) {
  std::lock_guard<std::mutex> lock(mu_);
  if (file.generation_ != generation_) {
    return absl::FailedPreconditionError("file " + file.path() +
                                         " was open before the simulated crash");
  }
  LG_RETURN_IF_ERROR(CountAndCheck(Op::kAppend));
  size_t n = data.size();
  absl::Status injected;
  if (tear_at_ != 0 && calls_[Index(Op::kAppend)] == tear_at_) {
    n = std::min(n, tear_keep_);
    injected = absl::UnavailableError("torn write (injected): wrote " + std::to_string(n) + " of " +
                                      std::to_string(data.size()) + " bytes to " + file.path());
  }
  if (disk_budget_.has_value() && *disk_budget_ < n) {
    n = static_cast<size_t>(*disk_budget_);
    injected = absl::ResourceExhaustedError("disk full writing " + file.path() + " (injected)");
  }
  if (n > 0) {
    const uint64_t before = file.base_->size();
    absl::Status written = file.base_->Append(data.substr(0, n));
    if (disk_budget_.has_value()) {
      *disk_budget_ -= std::min(*disk_budget_, file.base_->size() - before);
    }
    LG_RETURN_IF_ERROR(written);
  }
  return injected;
}

absl::Status FaultEnv::FileSync(File& file) {
  std::lock_guard<std::mutex> lock(mu_);
  if (file.generation_ != generation_) {
    return absl::FailedPreconditionError("file " + file.path() +
                                         " was open before the simulated crash");
  }
  LG_RETURN_IF_ERROR(CountAndCheck(Op::kSync));
  LG_RETURN_IF_ERROR(file.base_->Sync());
  file.state_->synced_size = file.base_->size();
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<WritableFile>> FaultEnv::Open(std::string_view path_view,
                                                             bool truncate) {
  std::lock_guard<std::mutex> lock(mu_);
  const std::string path(path_view);
  const bool existed = base_->FileExists(path);
  auto it = files_.find(path);
  std::shared_ptr<FileState> state;
  if (existed && it != files_.end()) {
    state = it->second;
  } else if (existed) {
    // Not seen before: all of it is taken to be durable.
    LG_ASSIGN_OR_RETURN(uint64_t size, base_->GetFileSize(path));
    state = std::make_shared<FileState>(FileState{size, true});
  } else {
    state = std::make_shared<FileState>(FileState{0, false});
  }
  std::unique_ptr<WritableFile> base_file;
  if (truncate) {
    LG_ASSIGN_OR_RETURN(base_file, base_->NewWritableFile(path));
    state->synced_size = 0;
  } else {
    LG_ASSIGN_OR_RETURN(base_file, base_->NewAppendableFile(path));
  }
  files_[path] = state;
  return std::unique_ptr<WritableFile>(
      new File(this, std::move(base_file), std::move(state), generation_));
}

absl::StatusOr<std::unique_ptr<WritableFile>> FaultEnv::NewWritableFile(std::string_view path) {
  return Open(path, /*truncate=*/true);
}

absl::StatusOr<std::unique_ptr<WritableFile>> FaultEnv::NewAppendableFile(std::string_view path) {
  return Open(path, /*truncate=*/false);
}

absl::StatusOr<std::string> FaultEnv::ReadFile(std::string_view path) {
  return base_->ReadFile(path);
}

bool FaultEnv::FileExists(std::string_view path) { return base_->FileExists(path); }

absl::StatusOr<uint64_t> FaultEnv::GetFileSize(std::string_view path) {
  return base_->GetFileSize(path);
}

absl::Status FaultEnv::RenameFile(std::string_view from_view, std::string_view to_view) {
  std::lock_guard<std::mutex> lock(mu_);
  LG_RETURN_IF_ERROR(CountAndCheck(Op::kRename));
  const std::string from(from_view), to(to_view);
  PendingRename r{from, to, nullptr, false, std::nullopt, nullptr};
  auto from_it = files_.find(from);
  if (from_it != files_.end()) {
    r.moved = from_it->second;
  } else {
    // Not seen before: durable as it is (if it is not there, the base rename fails below).
    auto size = base_->GetFileSize(from);
    r.moved = std::make_shared<FileState>(FileState{size.ok() ? *size : 0, true});
  }
  if (base_->FileExists(to)) {
    auto to_it = files_.find(to);
    std::shared_ptr<FileState> old = to_it != files_.end() ? to_it->second : nullptr;
    if (old == nullptr || old->entry_durable) {
      LG_ASSIGN_OR_RETURN(std::string contents, base_->ReadFile(to));
      if (old != nullptr && contents.size() > old->synced_size) contents.resize(old->synced_size);
      r.replaced_state = std::make_shared<FileState>(FileState{contents.size(), true});
      r.replaced = std::move(contents);
    }
  }
  LG_RETURN_IF_ERROR(base_->RenameFile(from, to));
  r.from_entry_durable = r.moved->entry_durable;
  r.moved->entry_durable = false;
  files_.erase(from);
  files_[to] = r.moved;
  pending_renames_.push_back(std::move(r));
  return absl::OkStatus();
}

absl::Status FaultEnv::RemoveFile(std::string_view path) {
  std::lock_guard<std::mutex> lock(mu_);
  LG_RETURN_IF_ERROR(base_->RemoveFile(path));
  files_.erase(std::string(path));
  return absl::OkStatus();
}

absl::Status FaultEnv::CreateDir(std::string_view path) { return base_->CreateDir(path); }

absl::Status FaultEnv::SyncDir(std::string_view dir_view) {
  std::lock_guard<std::mutex> lock(mu_);
  LG_RETURN_IF_ERROR(CountAndCheck(Op::kSyncDir));
  LG_RETURN_IF_ERROR(base_->SyncDir(dir_view));
  const std::string dir = NormalDir(dir_view);
  for (auto& [path, state] : files_) {
    if (DirName(path) == dir) state->entry_durable = true;
  }
  std::erase_if(pending_renames_, [&](const PendingRename& r) { return DirName(r.to) == dir; });
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> FaultEnv::ListDir(std::string_view dir) {
  return base_->ListDir(dir);
}

absl::Status FaultEnv::TruncateFile(std::string_view path, uint64_t size) {
  std::lock_guard<std::mutex> lock(mu_);
  LG_RETURN_IF_ERROR(base_->TruncateFile(path, size));
  auto it = files_.find(std::string(path));
  if (it != files_.end()) it->second->synced_size = std::min(it->second->synced_size, size);
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<FileLock>> FaultEnv::LockFile(std::string_view path) {
  return base_->LockFile(path);
}

absl::Status FaultEnv::DropUnsyncedData() {
  std::lock_guard<std::mutex> lock(mu_);
  ++generation_;  // every File open now belongs to the process that crashed
  absl::Status first;
  auto note = [&first](absl::Status s) {
    if (first.ok() && !s.ok()) first = std::move(s);
  };
  // Undo the renames that were not made durable, newest first.
  for (auto r = pending_renames_.rbegin(); r != pending_renames_.rend(); ++r) {
    auto at_to = files_.find(r->to);
    if (at_to != files_.end() && at_to->second == r->moved && base_->FileExists(r->to)) {
      note(base_->RenameFile(r->to, r->from));
      files_.erase(at_to);
      r->moved->entry_durable = r->from_entry_durable;
      files_[r->from] = r->moved;
    }
    if (r->replaced.has_value()) {
      auto f = base_->NewWritableFile(r->to);
      if (f.ok()) {
        note((*f)->Append(*r->replaced));
        note((*f)->Close());
      } else {
        note(f.status());
      }
      files_[r->to] = r->replaced_state;
    }
  }
  pending_renames_.clear();
  // Then cut every file to its durable state.
  for (auto it = files_.begin(); it != files_.end();) {
    const std::string& path = it->first;
    FileState& state = *it->second;
    if (!base_->FileExists(path)) {
      it = files_.erase(it);
      continue;
    }
    if (!state.entry_durable) {
      note(base_->RemoveFile(path));
      it = files_.erase(it);
      continue;
    }
    auto size = base_->GetFileSize(path);
    if (!size.ok()) {
      note(size.status());
    } else if (*size > state.synced_size) {
      note(base_->TruncateFile(path, state.synced_size));
    }
    ++it;
  }
  return first;
}

}  // namespace linkgraph::durable
