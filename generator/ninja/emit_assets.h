// The Ninja side of assets (docs/assets.md): one edge per fetched asset
// (a URL or a git repository) that produces its `dest`, in a download pool,
// and the targets `assets` and `assets-extra`.
//
//   build assets/train.json: wfgen_asset | .wfgen/assets/1-assets_train.json.asset
//     spec = .wfgen/assets/1-assets_train.json.asset
//
// - `dest` is the edge's output, so a step that reads it (or a file inside
//   it) is ordered after the fetch: `ninja all` fetches what its steps need
//   first, which weasel never does (`fetch_assets: false` turns it off).
// - The spec file is an input: a changed URL, checksum or branch rewrites
//   it, and Ninja runs the edge again. wfgen-transfer decides by content
//   (checksum, the URL it was fetched from) and leaves an asset that is
//   already right alone; `restat` then spares everything downstream.
// - Private assets (neither url nor git) get no edge: nothing can fetch them.
// - `fetch_assets: false`: the steps do not wait for assets, so `dest` stays
//   a plain path of the project; each asset edge then writes a stamp and
//   always runs when asked for (`ninja assets`), deciding by content.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "generator/ninja/ninja_writer.h"
#include "generator/ninja/plan.h"
#include "generator/project/project.h"
#include "runtime/state/asset_spec.h"

namespace wfgen {

struct AssetEmitContext {
  std::string id;              // prefix of rule and pool names ("" unless embedded)
  std::string meta;            // ".wfgen" or ".wfgen/NAME"
  std::string project_prefix;  // build dir -> project dir
  // A project path as a Ninja node, and a target name as the file names it.
  std::function<std::string(const std::string&)> node;
  std::function<std::string(const std::string&)> target;
  // Names of targets the project itself defines (commands, workflows).
  std::function<bool(const std::string&)> taken;
  // The node that never exists (whatever depends on it always runs); called
  // when an edge uses it, so that the emitter declares it.
  std::function<std::string()> always;
};

// The phony targets wfgen's own commands build: every non-extra asset, and
// the extra ones. `assets` and `assets-extra` are aliases for them unless a
// command or workflow of the project has that name.
std::string AssetsTarget(const std::string& meta, bool extra);

AssetSpec AssetSpecOf(const Asset& asset);

void EmitAssetRules(const Project& project, const BuildPlan& plan, const AssetEmitContext& ctx,
                    NinjaWriter* writer);
// Edges and targets; the spec files go into `files`.
void EmitAssetEdges(const Project& project, const BuildPlan& plan, const AssetEmitContext& ctx,
                    NinjaWriter* writer, std::map<std::string, std::string>* files);

}  // namespace wfgen
