// The remote cache in wfgen-run (`--pull`/`--push`, docs/remotes.md): the
// network and archive work is done by wfgen-transfer, the helper beside
// wfgen-run, run as a child like a script line (so Ctrl-C and a killed
// wfgen-run stop it too, subprocess.h); wfgen-run stays small and static.
#pragma once

#include "runtime/base/disk.h"
#include "runtime/base/subprocess.h"
#include "runtime/state/decide.h"
#include "runtime/state/step_spec.h"
#include "runtime/wrapper/step_output.h"

namespace wfgen {

// wfgen-run decided the step must run: if the spec pulls and the remote has
// every output for the command hash, the helper fetches and verifies them
// all and puts them in place (transfer/remote/pull_step.h). True when it
// did: the step is done and the caller records it. A forced or no_skip step
// is not pulled. Refused objects and remote errors are warnings; the step
// then runs. Paths are relative to the current (project) directory; the
// command list for the helper goes through `disk`.
bool PullInsteadOfRunning(const StepSpec& spec, const Decision& decision, Disk* disk,
                          CommandRunner* runner, StepOutput* out);

// After a success: uploads the outputs the remote lacks. A failure is a
// warning, never a failed step.
void PushAfterSuccess(const StepSpec& spec, Disk* disk, CommandRunner* runner, StepOutput* out);

}  // namespace wfgen
