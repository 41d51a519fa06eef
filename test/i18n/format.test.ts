import { expect } from '@open-wc/testing';
import { formatBytes, formatDateTime, formatDuration, formatPercent, formatRelativeTime } from '../../src/i18n/format.js';
import { getWidgetLocale, setWidgetLocale } from '../../src/i18n/index.js';

// Expected strings are what Chromium's Intl (CLDR "short" units) produces for "en".
describe('i18n/format (en)', () => {
  before(async () => {
    await setWidgetLocale('en');
    expect(getWidgetLocale()).to.equal('en');
  });

  describe('formatDuration', () => {
    it('shows seconds under a minute', () => {
      expect(formatDuration(25)).to.equal('25 sec');
      expect(formatDuration(0)).to.equal('0 sec');
      expect(formatDuration(59.4)).to.equal('59 sec');
    });

    it('shows minutes and seconds under an hour', () => {
      expect(formatDuration(1999)).to.equal('33 min 19 sec');
      expect(formatDuration(60)).to.equal('1 min');
      expect(formatDuration(59.6)).to.equal('1 min');
    });

    it('shows hours and minutes (no seconds) from an hour on', () => {
      expect(formatDuration(7500)).to.equal('2 hr 5 min');
      expect(formatDuration(7200)).to.equal('2 hr');
      expect(formatDuration(3659)).to.equal('1 hr');
    });

    it('clamps negative durations to zero', () => {
      expect(formatDuration(-5)).to.equal('0 sec');
    });
  });

  describe('formatBytes', () => {
    it('uses decimal units with one decimal below 100', () => {
      expect(formatBytes(26.4e9)).to.equal('26.4 GB');
      expect(formatBytes(1500)).to.equal('1.5 kB');
      expect(formatBytes(12.34e6)).to.equal('12.3 MB');
      expect(formatBytes(1.2e12)).to.equal('1.2 TB');
      expect(formatBytes(3e15)).to.equal('3 PB');
    });

    it('uses whole numbers from 100 on and for plain bytes', () => {
      expect(formatBytes(512e6)).to.equal('512 MB');
      expect(formatBytes(950)).to.equal('950 byte');
      expect(formatBytes(0)).to.equal('0 byte');
      expect(formatBytes(-10)).to.equal('0 byte');
    });

    it('moves to the next unit instead of showing "1,000"', () => {
      expect(formatBytes(999_999)).to.equal('1 MB');
      expect(formatBytes(999.7e9)).to.equal('1 TB');
      expect(formatBytes(999_400)).to.equal('999 kB');
    });

    it('stops at petabytes', () => {
      expect(formatBytes(2500e15)).to.equal('2,500 PB');
    });
  });

  describe('formatPercent', () => {
    it('rounds down so unfinished work never reads as the next percent', () => {
      expect(formatPercent(59.99)).to.equal('59%');
      expect(formatPercent(60)).to.equal('60%');
      expect(formatPercent(0)).to.equal('0%');
      expect(formatPercent(100)).to.equal('100%');
    });
  });

  describe('formatRelativeTime', () => {
    const now = Date.UTC(2025, 9, 3, 15, 46, 0);
    const ago = (seconds: number) => new Date(now - seconds * 1000);

    it('says "just now" under 45 seconds, either way', () => {
      expect(formatRelativeTime(ago(0), now)).to.equal('just now');
      expect(formatRelativeTime(ago(44), now)).to.equal('just now');
      expect(formatRelativeTime(ago(-30), now)).to.equal('just now');
    });

    it('counts minutes, hours and days', () => {
      expect(formatRelativeTime(ago(45), now)).to.equal('1 minute ago');
      expect(formatRelativeTime(ago(180), now)).to.equal('3 minutes ago');
      expect(formatRelativeTime(ago(2 * 3600), now)).to.equal('2 hours ago');
      expect(formatRelativeTime(ago(26 * 3600), now)).to.equal('yesterday');
      expect(formatRelativeTime(ago(5 * 86_400), now)).to.equal('5 days ago');
    });

    it('falls back to a date after 30 days', () => {
      const date = ago(40 * 86_400);
      expect(formatRelativeTime(date, now)).to.equal(formatDateTime(date));
    });
  });

  describe('formatDateTime', () => {
    it('uses the medium date and short time style', () => {
      expect(formatDateTime(new Date(2025, 9, 3, 17, 46))).to.equal('Oct 3, 2025, 5:46 PM');
    });
  });
});
