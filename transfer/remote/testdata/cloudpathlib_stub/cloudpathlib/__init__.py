# A stand-in for cloudpathlib (weasel's dependency, not packaged by Debian)
# that is enough for weasel's push/pull on directory remotes: there,
# cloudpathlib's AnyPath is a plain pathlib.Path.
from pathlib import Path as AnyPath

CloudPath = AnyPath
