import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import type { Locale } from '@yiqiao/domain';
import {
  addInterpreterPair,
  addSpecialistToDepartment,
  createDepartment,
  createInstitution,
  createScheduledConsultation,
  createUser,
  FIXTURE_PASSWORD,
  UserFixture,
} from '@yiqiao/testing';

export const ARTIFACTS = path.resolve(__dirname, '../../artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export interface Cast {
  consultationId: string;
  patient: UserFixture;
  specialist: UserFixture;
  interpreter: UserFixture | null;
  coordinator: UserFixture;
}

/** A consultation starting in a few minutes, with an interpreter when asked. */
export async function castConsultation(
  db: DataSource,
  options: { patientLocale: Locale; withInterpreter: boolean },
): Promise<Cast> {
  const institution = await createInstitution(db);
  const department = await createDepartment(db, institution.id, 'urology');
  const specialist = await createUser(db, 'specialist', {
    institutionId: institution.id,
    fullName: 'Dr. Wang Fang 王芳',
    spokenLanguages: ['zh-cmn'],
    locale: 'zh-CN',
  });
  await addSpecialistToDepartment(db, specialist.id, department.id);
  const patient = await createUser(db, 'patient', {
    fullName: 'Layla Haddad',
    locale: options.patientLocale,
    timeZone: 'Asia/Dubai',
    spokenLanguages: ['en'],
  });
  const coordinator = await createUser(db, 'coordinator', {
    institutionId: institution.id,
    fullName: 'Zhou Min',
  });
  let interpreter: UserFixture | null = null;
  if (options.withInterpreter) {
    interpreter = await createUser(db, 'interpreter', {
      institutionId: institution.id,
      fullName: 'Chen Jing',
      spokenLanguages: ['en', 'zh-cmn'],
    });
    await addInterpreterPair(db, interpreter.id, 'en', 'zh-cmn');
  }
  const consultation = await createScheduledConsultation(db, {
    institutionId: institution.id,
    departmentId: department.id,
    specialistId: specialist.id,
    patientId: patient.id,
    createdBy: coordinator.id,
    startsAt: new Date(Date.now() + 2 * 60_000),
    interpreterId: interpreter?.id ?? null,
    interpreterRequired: options.withInterpreter,
  });
  return { consultationId: consultation.id, patient, specialist, interpreter, coordinator };
}

export async function signedInPage(
  browser: Browser,
  webUrl: string,
  email: string,
  contextOptions: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'], ...contextOptions });
  const page = await context.newPage();
  await page.goto(`${webUrl}/sign-in`);
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(FIXTURE_PASSWORD);
  await page.locator('form button[type=submit]').click();
  await page.getByTestId('signed-in-as').waitFor({ timeout: 15_000 });
  return page;
}

interface InboundStats {
  userId: string;
  kind: 'audio' | 'video';
  bytesReceived: number;
  framesDecoded: number;
}

/** Waits until WebRTC stats show decoded video and received audio from each of `fromUsers`. */
export async function expectMediaFrom(
  page: Page,
  fromUsers: string[],
  timeoutMs = 45_000,
): Promise<InboundStats[]> {
  const deadline = Date.now() + timeoutMs;
  let last: InboundStats[] = [];
  while (Date.now() < deadline) {
    last = await page.evaluate(async () => {
      // the hook the web app's call page exposes (apps/web/src/call/use-call-session.ts)
      const hook = (window as unknown as { __yiqiaoStats?: () => Promise<InboundStats[]> }).__yiqiaoStats;
      return hook ? hook() : [];
    });
    const ok = fromUsers.every(
      (user) =>
        last.some(
          (s) => s.userId === user && s.kind === 'video' && s.framesDecoded > 0 && s.bytesReceived > 0,
        ) && last.some((s) => s.userId === user && s.kind === 'audio' && s.bytesReceived > 0),
    );
    if (ok) return last;
    await page.waitForTimeout(500);
  }
  throw new Error(
    `no media from ${fromUsers.join(', ')} within ${timeoutMs} ms; last stats ${JSON.stringify(last)}`,
  );
}

/** Patient: consultations → device check (camera, network against the SFU) → waiting room. */
export async function patientChecksAndWaits(
  page: Page,
  webUrl: string,
  consultationId: string,
): Promise<void> {
  await page.goto(`${webUrl}/consultations`);
  await page.locator(`[data-id="${consultationId}"] [data-testid=check-and-join]`).click();
  await page.locator('.network-check[data-state=ok]').waitFor({ timeout: 20_000 });
  // the fake microphone beeps: the level meter must move
  await page.waitForFunction(
    () => Number(document.querySelector('#mic-level')?.getAttribute('data-level')) > 0,
    null,
    {
      timeout: 10_000,
    },
  );
  await page.locator('.checklist li[data-ok=true]').first().waitFor();
  await page.getByTestId('continue-to-call').click();
  await page.getByTestId('waiting-room').waitFor({ timeout: 20_000 });
}

/** Staff and interpreters join from their consultation list. */
export async function joinCall(page: Page, webUrl: string, consultationId: string): Promise<void> {
  await page.goto(`${webUrl}/consultations`);
  await page.locator(`[data-id="${consultationId}"] [data-testid=join]`).click();
  await page
    .locator('[data-testid=call][data-phase=in_call]')
    .waitFor({ timeout: 20_000 })
    .catch(async (error: Error) => {
      throw new Error(`${error.message}\npage shows: ${await page.locator('main').innerText()}`);
    });
}

export async function sendChat(page: Page, body: string): Promise<void> {
  await page.locator('#chat-input').fill(body);
  await page.locator('.chat form button[type=submit]').click();
}

export async function expectChat(page: Page, body: string): Promise<void> {
  await page.getByTestId('chat-messages').getByText(body, { exact: true }).waitFor({ timeout: 10_000 });
}

/** After the end, the patient's list shows the consultation as completed (written by the worker). */
export async function expectCompleted(page: Page, webUrl: string, consultationId: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    await page.goto(`${webUrl}/consultations`);
    const item = page.locator(`[data-id="${consultationId}"]`);
    await item.waitFor({ timeout: 10_000 });
    if ((await item.getAttribute('data-status')) === 'completed') return;
    await page.waitForTimeout(1000);
  }
  throw new Error(`consultation ${consultationId} never showed as completed`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** The specialist writes notes after the call; a reload shows them, read back from the api. */
export async function writeNotes(
  page: Page,
  webUrl: string,
  consultationId: string,
  text: string,
): Promise<void> {
  await page.goto(`${webUrl}/consultations/${consultationId}/notes`);
  const notes = page.locator('section textarea');
  await notes.waitFor();
  await notes.fill(text);
  await page.locator('section button[type=button]').click();
  await page.locator('section [role=status]').waitFor({ timeout: 10_000 });
  await page.reload();
  // the text box is enabled once the saved notes have loaded; only then is its value the api's answer
  const reloaded = page.locator('section textarea:enabled');
  await reloaded.waitFor({ timeout: 30_000 });
  const shown = await reloaded.inputValue();
  if (shown === text) return;
  const visible = await page.locator('main').innerText();
  throw new Error(`notes after reload: expected "${text}", textarea has "${shown}"; page says: ${visible}`);
}
