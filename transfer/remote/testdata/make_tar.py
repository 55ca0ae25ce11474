"""Writes gzip'd tar files with Python's tarfile, the library weasel uses:
a good one as weasel's RemoteStorage.push writes it, or a hostile one.

  make_tar.py OUT.tar.gz KIND PROJECT OUTPUT

KIND: weasel (tar.add(PROJECT/OUTPUT, arcname=OUTPUT)), dotdot (an extra
member OUTPUT/../../evil), absolute (/tmp/...evil), symlink_out (OUTPUT/l ->
../../../etc), hardlink (OUTPUT/h hard link to /etc/passwd), device
(OUTPUT/dev, a character device), outside (a member beside OUTPUT).
"""
import io
import sys
import tarfile

out, kind, project, output = sys.argv[1:5]


def member(name, data=b"x", **kw):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    for k, v in kw.items():
        setattr(info, k, v)
    return info, io.BytesIO(data)


with tarfile.open(out, "w:gz") as tar:
    if kind == "weasel":
        tar.add(f"{project}/{output}", arcname=output)
    else:
        tar.addfile(*member(f"{output}/ok.txt", b"ok"))
        if kind == "dotdot":
            tar.addfile(*member(f"{output}/../../evil"))
        elif kind == "absolute":
            tar.addfile(*member(f"/tmp/wfgen-remote-test-evil"))
        elif kind == "symlink_out":
            info = tarfile.TarInfo(f"{output}/l")
            info.type = tarfile.SYMTYPE
            info.linkname = "../../../etc"
            tar.addfile(info)
        elif kind == "hardlink":
            info = tarfile.TarInfo(f"{output}/h")
            info.type = tarfile.LNKTYPE
            info.linkname = "/etc/passwd"
            tar.addfile(info)
        elif kind == "device":
            info = tarfile.TarInfo(f"{output}/dev")
            info.type = tarfile.CHRTYPE
            info.devmajor, info.devminor = 1, 3
            tar.addfile(info)
        elif kind == "outside":
            tar.addfile(*member("beside.txt"))
        else:
            sys.exit(f"unknown kind {kind}")
