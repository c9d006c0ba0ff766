export { CronSyntaxError, validateCron, nextFireAfter, latestFireAtOrBefore } from './cron';
export {
  createTimerScheduler,
  timerEvent,
  type TimerScheduler,
  type TimerSchedulerOptions,
  type TimerEvent,
} from './scheduler';
