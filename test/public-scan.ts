// The public build's leak scan lives in src/public-page/build/public-scan.ts (the server's publish step runs it too).
export * from '../src/public-page/build/public-scan.ts';
