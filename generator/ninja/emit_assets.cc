#include "generator/ninja/emit_assets.h"

#include "generator/ninja/escape.h"

namespace wfgen {

std::string AssetsTarget(const std::string& meta, bool extra) {
  return meta + (extra ? "/targets/assets-extra" : "/targets/assets");
}

AssetSpec AssetSpecOf(const Asset& a) {
  AssetSpec spec;
  spec.kind = !a.git_repo.empty() ? AssetSpec::kGit
              : !a.url.empty()    ? AssetSpec::kUrl
                                  : AssetSpec::kPrivate;
  spec.dest = a.dest;
  spec.url = a.url;
  spec.repo = a.git_repo;
  spec.branch = a.git_branch;
  spec.path = a.git_path;
  spec.checksum = a.checksum;
  spec.description = a.description;
  return spec;
}

void EmitAssetRules(const Project& project, const BuildPlan& plan, const AssetEmitContext& ctx,
                    NinjaWriter* writer) {
  if (plan.assets.empty()) return;
  // The project directory and the state directory are the same for every
  // asset: in the rule, not in each edge.
  writer->Rule(
      NinjaRule{ctx.id + "wfgen_asset",
                {{"command", "exec $" + ctx.id + "wfgen_transfer asset --project " +
                                 NinjaValue(ShellWord(ctx.project_prefix)) + " --state " +
                                 NinjaValue(ShellWord(ctx.meta + "/state")) + " --spec $spec"},
                 {"description", "$desc"},
                 // `ninja -t clean` leaves a generator edge's outputs alone:
                 // a clean must not throw away hours of downloads.
                 {"generator", "1"},
                 {"restat", "1"}}});
  writer->Blank();
  writer->Comment("max_parallel_downloads");
  writer->Pool(NinjaPool{ctx.id + "wfgen_downloads", project.max_parallel_downloads});
  writer->Blank();
}

void EmitAssetEdges(const Project& project, const BuildPlan& plan, const AssetEmitContext& ctx,
                    NinjaWriter* writer, std::map<std::string, std::string>* files) {
  if (plan.assets.empty()) return;
  writer->Comment("assets (`ninja assets`, `wfgen assets`)");
  std::vector<std::string> all, extra;
  for (const PlanAsset& pa : plan.assets) {
    std::string spec_path = ctx.meta + "/assets/" + pa.key + ".asset";
    (*files)[spec_path] = RenderAssetSpec(AssetSpecOf(project.assets[pa.index]));
    NinjaBuild b;
    b.rule = ctx.id + "wfgen_asset";
    std::string out = ctx.node(pa.dest);
    if (!project.fetch_assets) {
      out = ctx.meta + "/assets/" + pa.key + ".checked";
      b.implicit.push_back(ctx.always());
    }
    b.outputs.push_back(out);
    b.implicit.push_back(spec_path);
    b.bindings = {{"spec", ShellWord(spec_path)}, {"desc", "asset " + ctx.target(pa.dest)}};
    b.pool = ctx.id + "wfgen_downloads";
    writer->Build(b);
    (pa.extra ? extra : all).push_back(out);
  }
  writer->Build(NinjaBuild{{AssetsTarget(ctx.meta, false)}, {}, "phony", all});
  writer->Build(NinjaBuild{{AssetsTarget(ctx.meta, true)}, {}, "phony", extra});
  for (bool is_extra : {false, true}) {
    std::string alias = is_extra ? "assets-extra" : "assets";
    if (ctx.taken(alias)) continue;  // `ninja assets` runs the project's own command
    writer->Build(NinjaBuild{{ctx.target(alias)}, {}, "phony", {AssetsTarget(ctx.meta, is_extra)}});
  }
  writer->Blank();
}

}  // namespace wfgen
