// Background jobs (rescans after an advisory import): their progress and result, for the API.
#include "store/ids.h"
#include "store/sqlite/sqlite_store.h"

namespace craft::store::sqlite {
namespace {

const char* const kJobColumns =
    "id, coalesce(organisation_id, ''), kind, status, done, total, result, error, created_at, "
    "finished_at";

JobRecord ReadJob(const Statement& st) {
  JobRecord j;
  j.id = st.Text(0);
  j.organisation_id = st.Text(1);
  j.kind = st.Text(2);
  j.status = st.Text(3);
  j.done = st.Int(4);
  j.total = st.Int(5);
  j.result = st.Text(6);
  j.error = st.Text(7);
  j.created_at = st.Int(8);
  j.finished_at = st.OptInt(9);
  return j;
}

}  // namespace

JobRecord SqliteStore::CreateJob(const std::string& org_id, const std::string& kind) {
  return Write([&](Connection& c) {
    {
      Statement queued = c.Prepare(std::string("SELECT ") + kJobColumns +
                                   " FROM jobs WHERE status = 'queued' AND kind = ? AND "
                                   "coalesce(organisation_id, '') = ? ORDER BY seq LIMIT 1");
      queued.Bind(kind).Bind(org_id);
      if (queued.Step()) return ReadJob(queued);
    }
    JobRecord job;
    job.id = NewUuid();
    job.organisation_id = org_id;
    job.kind = kind;
    job.created_at = Now();
    c.Prepare(
         "INSERT INTO jobs (id, organisation_id, kind, status, created_at) VALUES (?, ?, ?, ?, ?)")
        .Bind(job.id)
        .Bind(org_id.empty() ? std::optional<std::string>() : std::optional<std::string>(org_id))
        .Bind(job.kind)
        .Bind(job.status)
        .Bind(job.created_at)
        .Run();
    return job;
  });
}

void SqliteStore::UpdateJob(const JobRecord& update) {
  JobRecord job = update;
  if ((job.status == "succeeded" || job.status == "failed") && !job.finished_at) {
    job.finished_at = Now();
  }
  Write([&](Connection& c) {
    c.Prepare(
         "UPDATE jobs SET status = ?, done = ?, total = ?, result = ?, error = ?, finished_at = ? "
         "WHERE id = ?")
        .Bind(job.status)
        .Bind(job.done)
        .Bind(job.total)
        .Bind(job.result)
        .Bind(job.error)
        .Bind(job.finished_at)
        .Bind(job.id)
        .Run();
  });
}

std::optional<JobRecord> SqliteStore::GetJob(const std::string& org_id, const std::string& job_id) {
  ConnectionPool::Lease lease = pool_.Acquire();
  Statement st = lease->Prepare(
      std::string("SELECT ") + kJobColumns +
      " FROM jobs WHERE id = ? AND (organisation_id IS NULL OR organisation_id = ?)");
  st.Bind(job_id).Bind(org_id);
  if (!st.Step()) return std::nullopt;
  return ReadJob(st);
}

std::optional<JobRecord> SqliteStore::ClaimNextJob() {
  return Write([&](Connection& c) -> std::optional<JobRecord> {
    Statement st = c.Prepare(std::string("SELECT ") + kJobColumns +
                             " FROM jobs WHERE status = 'queued' ORDER BY seq LIMIT 1");
    if (!st.Step()) return std::nullopt;
    JobRecord job = ReadJob(st);
    job.status = "running";
    c.Prepare("UPDATE jobs SET status = 'running' WHERE id = ?").Bind(job.id).Run();
    return job;
  });
}

}  // namespace craft::store::sqlite
