// wfgen-remote push|pull ...: RemoteMain on its own (remote_main.h).
#include "transfer/remote/remote_main.h"

int main(int argc, char** argv) { return wfgen::RemoteMain(argc, argv); }
