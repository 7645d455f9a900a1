import axios from 'axios';
import { describe, expect, it } from 'vitest';
import { PortInUseError } from '../../../dev/lib/http';
import { startTarget } from '../../../dev/target/index';
import { useTarget } from './fixture';

const local = useTarget();

function post(path = '/notify', timeout = 0) {
  return axios.post(
    `${local.target.url}${path}`,
    { id: 'n-1' },
    { timeout, validateStatus: () => true },
  );
}

async function statuses(): Promise<Array<number | null>> {
  return (await local.control.requests()).map((request) => request.status);
}

describe('local downstream target faults', () => {
  it('answers the fault status to the next N requests, then 200', async () => {
    await local.control.answerStatus(503, 2);

    const answers = [await post(), await post(), await post()];

    expect(answers.map((answer) => answer.status)).toEqual([503, 503, 200]);
  });

  it('records each request answered with a fault status', async () => {
    await local.control.answerStatus(400, 1);

    await post();
    await post();

    expect(await statuses()).toEqual([400, 200]);
    expect((await local.control.requests())[0]?.fault).toBe('status');
  });

  it('answers the fault status until cleared when given no count', async () => {
    await local.control.answerStatus(503);
    await post();
    await post();

    await local.control.clearFaults();

    expect((await post()).status).toBe(200);
    expect(await statuses()).toEqual([503, 503, 200]);
  });

  it('applies a fault with a target only to that path', async () => {
    await local.control.addFault({
      fault: { kind: 'status', status: 429 },
      target: '/slow',
    });

    expect((await post('/notify')).status).toBe(200);
    expect((await post('/slow')).status).toBe(429);
  });

  it('stalls on a hang until the client times out; records it', async () => {
    await local.control.addFault({ fault: { kind: 'hang' }, count: 1 });

    const call = post('/notify', 100);

    await expect(call).rejects.toMatchObject({ code: 'ECONNABORTED' });
    expect((await local.control.requests())[0]).toMatchObject({
      fault: 'hang',
      status: null,
    });
  });

  it('drops the socket after a hang with ms', async () => {
    await local.control.addFault({ fault: { kind: 'hang', ms: 50 }, count: 1 });

    const call = post('/notify', 1_000);

    await expect(call).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('resets the connection on a reset fault, and records it', async () => {
    await local.control.addFault({ fault: { kind: 'reset' }, count: 1 });

    await expect(post()).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect((await local.control.requests())[0]).toMatchObject({
      fault: 'reset',
      status: null,
    });
  });

  it('answers 200 after the latency a fault asks for', async () => {
    await local.control.addFault({
      fault: { kind: 'latency', ms: 150 },
      count: 1,
    });
    const started = Date.now();

    const answer = await post();

    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('lists the faults still pending', async () => {
    await local.control.answerStatus(503, 2);
    await post();

    const [rule] = await local.control.faults();

    expect(rule).toMatchObject({ fault: { status: 503 }, count: 1 });
  });

  it('rejects a status fault without a valid status with 400', async () => {
    const rule = { fault: { kind: 'status', status: 700 } };

    const answer = await axios.post(`${local.target.url}/_sim/faults`, rule, {
      validateStatus: () => true,
    });

    expect(answer.status).toBe(400);
    expect(answer.data.error.code).toBe('invalid_fault');
  });

  it('clears faults and requests on reset', async () => {
    await local.control.answerStatus(503);
    await post();

    await local.control.reset();

    expect(await local.control.requests()).toEqual([]);
    expect((await post()).status).toBe(200);
  });
});

describe('local downstream target start', () => {
  it('throws PortInUseError naming TARGET_PORT when taken', async () => {
    const port = Number(new URL(local.target.url).port);

    const start = startTarget({ port });

    await expect(start).rejects.toBeInstanceOf(PortInUseError);
    await expect(start).rejects.toThrow(/TARGET_PORT/);
  });
});
