#!/usr/bin/env node
import { processDeps } from '../dist/deps.js';
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2), processDeps());
