// Loaded into `call-courier run` with `node --import` by secrets-headless.test.ts: on SIGUSR2 the
// process throws an error nobody catches, whose message and cause quote the text in
// $CRASH_TEXT (the test's secrets), as an unexpected failure deep in a library might.
process.on('SIGUSR2', () => {
  setImmediate(() => {
    const text = process.env.CRASH_TEXT ?? '';
    throw new Error(`unexpected failure while talking to the platform: ${text}`, {
      cause: { request: { headers: { authorization: `Bearer ${text}` }, body: text } },
    });
  });
});
