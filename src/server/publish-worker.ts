// Worker-thread entry of 发布 (see publish.ts runSnapshotWorker): computes the snapshot from workerData, posts the result.
import { parentPort, workerData } from 'node:worker_threads';
import { computeSnapshot, type SnapshotInput } from './publish-compute.ts';

parentPort!.postMessage(computeSnapshot(workerData as SnapshotInput));
