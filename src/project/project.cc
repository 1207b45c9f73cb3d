#include "project/project.h"

#include "core/config_sections.h"
#include "core/file_util.h"

namespace mote {

namespace fs = std::filesystem;

MOTE_REGISTER_CONFIG_SECTION(project, "project");
MOTE_REGISTER_CONFIG_SECTION(data, "data");
MOTE_REGISTER_CONFIG_SECTION(window, "window");

Result<std::unique_ptr<Project>> Project::Open(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec).lexically_normal();
  if (dir.has_parent_path() && dir.filename().empty()) dir = dir.parent_path();  // "/a/b/" -> "/a/b"
  if (ec) return Status::IoError(start.string() + ": " + ec.message());
  for (fs::path d = dir;; d = d.parent_path()) {
    if (fs::is_regular_file(d / "mote.yaml", ec)) {
      dir = d;
      break;
    }
    if (d == d.parent_path())
      return Status::NotFound("no mote.yaml in " + start.string() +
                              " or any parent folder; create a project with `mote init DIR`");
  }
  fs::path file = dir / "mote.yaml";
  MOTE_ASSIGN_OR_RETURN(std::string text, ReadFile(file));
  // Messages name the file relative to where the user is, as compilers do.
  fs::path shown = fs::relative(file, fs::current_path(ec), ec);
  if (ec || shown.empty() || shown.string().starts_with("../../..")) shown = file;
  MOTE_ASSIGN_OR_RETURN(YamlSection yaml, YamlSection::Parse(text, shown.string()));
  std::unique_ptr<Project> p(new Project(dir, std::move(yaml)));
  MOTE_RETURN_IF_ERROR(p->Validate());
  return p;
}

Status Project::Validate() {
  MOTE_RETURN_IF_ERROR(yaml_.OnlyKeys(KnownConfigSections()));
  MOTE_ASSIGN_OR_RETURN(YamlSection project, yaml_.Section("project"));
  MOTE_RETURN_IF_ERROR(project.OnlyKeys({"name", "template", "description"}));
  MOTE_RETURN_IF_ERROR(project.Get("name", &name_));
  if (name_.empty()) name_ = root_.filename().string();
  MOTE_ASSIGN_OR_RETURN(YamlSection data, yaml_.Section("data"));
  MOTE_ASSIGN_OR_RETURN(data_, ParseDataConfig(data));
  MOTE_ASSIGN_OR_RETURN(YamlSection window, yaml_.Section("window"));
  MOTE_ASSIGN_OR_RETURN(window_, ParseWindowConfig(window));
  return Status::Ok();
}

Result<DatasetStore*> Project::store() {
  if (!store_) {
    std::error_code ec;
    fs::create_directories(state_dir(), ec);
    if (ec) return Status::IoError(state_dir().string() + ": " + ec.message());
    MOTE_ASSIGN_OR_RETURN(store_, DatasetStore::Open(state_dir() / "store.db"));
  }
  return store_.get();
}

}  // namespace mote
