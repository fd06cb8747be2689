// craft admin: installation tasks run beside (or instead of) the server: organisations, the audit
// chain check.

#include <iostream>

#include "app/commands.h"
#include "app/data_folder.h"

namespace craft::app {
namespace {

struct AdminOptions {
  std::string data_dir = "./var";
  std::string org_name;
};

void CreateOrganisation(const AdminOptions& options) {
  DataFolder folder = OpenDataFolder(options.data_dir);
  const store::CreatedApiKey owner = folder.store->CreateOrganisation(options.org_name, {"system"});
  std::cout << "Created organisation " << owner.key.organisation_id << " (" << options.org_name
            << ") with an owner API key (shown once, store it now):\n"
            << "CRAFT_API_KEY=" << owner.secret << std::endl;
}

void ListOrganisations(const AdminOptions& options) {
  DataFolder folder = OpenDataFolder(options.data_dir);
  for (const auto& org : folder.store->ListOrganisations()) {
    std::cout << org.id << "  " << org.name << "\n";
  }
}

void VerifyAudit(const AdminOptions& options) {
  DataFolder folder = OpenDataFolder(options.data_dir);
  const store::AuditVerification result = folder.store->VerifyAudit();
  if (result.ok) {
    std::cout << "audit log intact: " << result.entries << " entries, every hash and link verified"
              << std::endl;
    return;
  }
  std::cout << "audit log TAMPERED: " << result.entries << " entries checked\n";
  for (const auto& p : result.problems) std::cout << "  - " << p << "\n";
  std::cout.flush();
  throw CLI::RuntimeError(3);
}

}  // namespace

void AddAdminCommands(CLI::App& app) {
  auto options = std::make_shared<AdminOptions>();
  CLI::App* admin = app.add_subcommand("admin", "Installation administration");
  admin->require_subcommand(1);

  CLI::App* org = admin->add_subcommand("org", "Organisations (tenants)");
  org->require_subcommand(1);
  CLI::App* create = org->add_subcommand("create", "Create an organisation with its own owner key");
  create->add_option("NAME", options->org_name, "Display name of the organisation")->required();
  AddDataOption(*create, options->data_dir);
  create->callback([options]() { CreateOrganisation(*options); });
  CLI::App* list = org->add_subcommand("list", "List organisations");
  AddDataOption(*list, options->data_dir);
  list->callback([options]() { ListOrganisations(*options); });

  CLI::App* audit = admin->add_subcommand("audit", "The hash-chained audit log");
  audit->require_subcommand(1);
  CLI::App* verify = audit->add_subcommand(
      "verify", "Check every entry's hash and link; exit 3 when an entry was edited or removed");
  AddDataOption(*verify, options->data_dir);
  verify->callback([options]() { VerifyAudit(*options); });
}

}  // namespace craft::app
