// The Slack app is not built yet: until it lands, `npm start` says so and points to the offline console.
process.stderr.write(
  'The Slack app is not available in this version yet. Try the same commands offline:\n  npm run ask -- "veto"\n',
);
process.exitCode = 1;
