// Starts s3rver for a test: on 127.0.0.1, a free port (0), data in the
// directory argv[2], one bucket "bucket", default credentials S3RVER/S3RVER.
// Prints "port N" once it listens; stops cleanly on SIGTERM.
'use strict';
const S3rver = require('s3rver');

const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory: process.argv[2],
  configureBuckets: [{ name: 'bucket' }],
});
server.run().then(
  ({ port }) => console.log(`port ${port}`),
  (err) => {
    console.error(`s3rver: ${err.message}`);
    process.exit(1);
  },
);
process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
