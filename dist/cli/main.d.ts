#!/usr/bin/env node
import './thread-pool.js';
