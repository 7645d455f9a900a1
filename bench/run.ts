import './sdk-quiet';
import { runBench } from './main';

try {
  await runBench();
} catch (error) {
  console.error('bench failed:', error);
  process.exitCode = 1;
}
